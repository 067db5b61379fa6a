"""What an activity must look like before botbuilder and Kodo read it.

botbuilder deserialises whatever arrives and trusts its types later: ``null`` as a body, an activity
without ``from`` or ``conversation.id``, or a mention whose ``mentioned`` is a string all ended as
500s with tracebacks. ``check`` reads the few fields Kodo and botbuilder rely on; anything else is
a 400 with one warning that names the field, never its value. Ids are bounded by the columns they
end up in (``storage.tables``: people 128 characters, conversations 256).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator,
                      model_validator)

from adapters.checked import failed_fields

UserId = Annotated[str, StringConstraints(min_length=1, max_length=128)]
Name = Annotated[str, StringConstraints(max_length=512)]
Short = Annotated[str, StringConstraints(max_length=256)]
MAX_CONVERSATION = 256


def base_conversation(conversation_id: str) -> str:
    """A channel thread's id is the channel's id plus ``;messageid=…``; posts and subscriptions
    belong to the channel."""
    return conversation_id.split(";messageid=", 1)[0]


class Invalid(Exception):
    """Not an activity Kodo can read; the message names fields only, so it is safe to log."""


class _Part(BaseModel):
    model_config = ConfigDict(strict=True, populate_by_name=True)


class Account(_Part):
    id: UserId
    name: Name | None = None
    aadObjectId: Short | None = None


class Conversation(_Part):
    id: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    conversationType: Short | None = None
    tenantId: Short | None = None

    @field_validator("id")
    @classmethod
    def _fits(cls, value: str) -> str:
        if len(base_conversation(value)) > MAX_CONVERSATION:
            raise ValueError("conversation id too long")
        return value


class Mentioned(_Part):
    id: UserId
    name: Name | None = None


class Entity(_Part):
    type: Short | None = None
    text: Name | None = None
    mentioned: Mentioned | None = None


class _Ref(_Part):
    id: Short | None = None


class _Author(_Part):
    user: Account | None = None
    application: Account | None = None


class _MessagePayload(_Part):
    id: Short | None = None
    from_: _Author | None = Field(default=None, alias="from")


class ComposeValue(_Part):
    """A message action's value: the recognised message's author becomes the receiver."""

    data: dict | None = None
    messagePayload: _MessagePayload | None = None


class CardPress(_Part):
    """What one of Kodo's choices carries when pressed (``render.PRESS``, ``VALUE``, ``CARD``,
    ``INPUT``); a menu's option arrives as the value of the input the data names."""

    kodo: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    value: Short | None = None
    card: Annotated[str, StringConstraints(max_length=64)] | None = None
    input: Annotated[str, StringConstraints(max_length=32)] | None = None


def card_press(data: object) -> tuple[str, str | None, str | None] | None:
    """(action, pressed value, card id) from a card action's data, or None when it is not Kodo's."""
    if not isinstance(data, dict):
        return None
    try:
        press = CardPress.model_validate({k: v for k, v in data.items() if k in CardPress.model_fields})
    except ValidationError:
        return None
    value = press.value if press.input is None else data.get(press.input)
    return press.kodo, value if isinstance(value, str) else None, press.card


class ChannelData(_Part):
    eventType: Short | None = None
    tenant: _Ref | None = None
    team: _Ref | None = None
    channel: _Ref | None = None


class Incoming(_Part):
    type: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    serviceUrl: Annotated[str, StringConstraints(pattern=r"^https?://", max_length=2048)]
    from_: Account = Field(alias="from")
    recipient: Account
    conversation: Conversation
    id: Short | None = None
    name: Short | None = None
    locale: Short | None = None
    text: str | None = None
    replyToId: Short | None = None
    entities: list[Entity] | None = None
    channelData: ChannelData | None = None
    value: dict | None = None
    membersAdded: list[Account] | None = None
    membersRemoved: list[Account] | None = None

    @model_validator(mode="after")
    def _what_botbuilder_reads(self) -> "Incoming":
        """botbuilder's Teams handler reads these without checking them."""
        if self.type == "conversationUpdate" and self.channelData is None:
            raise ValueError("a conversationUpdate without channelData")
        if self.type == "invoke" and self.value is None:
            raise ValueError("an invoke without value")
        if self.type == "invoke" and (self.name or "").startswith("composeExtension/"):
            ComposeValue.model_validate(self.value)
        return self


def check(data: object) -> Incoming:
    if not isinstance(data, dict):
        raise Invalid(f"the body is JSON {type(data).__name__}, not an object")
    try:
        return Incoming.model_validate(data)
    except ValidationError as exc:
        raise Invalid(f"not a usable activity ({failed_fields(exc)})") from None
