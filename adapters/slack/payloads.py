"""The few fields each Slack listener reads, checked once, so nothing deeper trusts a payload's types.

A signed request can still be malformed (a test tool, a Slack change, a bug): a reaction whose
``user`` is an object, a command without ``user_id``, a submission whose ``private_metadata`` is not
Kodo's JSON. ``read`` turns such a payload into ``None`` and one warning naming the field, never a
500. Ids are bounded by the columns they end up in (``storage.tables``: people 128 characters,
channels and messages 256), so an over-long id is refused here, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, Json, StringConstraints, ValidationError

from adapters.checked import failed_fields

log = logging.getLogger(__name__)

UserId = Annotated[str, StringConstraints(min_length=1, max_length=128)]
# A message is stored as "channel:ts" in a 256-character column: 120 characters each leave room.
ChannelId = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Ts = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Short = Annotated[str, StringConstraints(max_length=256)]
Model = TypeVar("Model", bound=BaseModel)


class _Payload(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True)


def read(model: type[Model], data: object, what: str) -> Model | None:
    """``data`` as ``model``, or ``None`` after one warning that names the fields, not their values."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        log.warning("slack: ignored a malformed %s (%s)", what, failed_fields(exc))
        return None


class Item(_Payload):
    type: Short
    channel: ChannelId | None = None
    ts: Ts | None = None


class Reaction(_Payload):
    user: UserId
    reaction: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    item: Item
    item_user: UserId | None = None


class Command(_Payload):
    command: Annotated[str, StringConstraints(min_length=2, max_length=32)]
    user_id: UserId
    channel_id: ChannelId | None = None
    text: str = ""
    trigger_id: Short | None = None


class HomeOpened(_Payload):
    user: UserId
    tab: Short = "home"


class _User(_Payload):
    id: UserId


class _Member(_Payload):
    """A person as ``team_join`` describes them: guests are ``is_restricted`` (multi-channel) or
    ``is_ultra_restricted`` (single-channel)."""

    id: UserId
    is_bot: bool = False
    is_app_user: bool = False
    is_restricted: bool = False
    is_ultra_restricted: bool = False
    deleted: bool = False
    locale: Short | None = None


class TeamJoin(_Payload):
    user: _Member


class ChannelGone(_Payload):
    """``channel_left``/``group_left`` (Kodo was taken out), ``channel_archive``/``group_archive``,
    ``channel_deleted``/``group_deleted``: who did it, when Slack says (``actor_id`` or ``user``)."""
    type: Short
    channel: ChannelId
    user: UserId | None = None
    actor_id: UserId | None = None


class _Channel(_Payload):
    id: ChannelId


class Message(_Payload):
    ts: Ts | None = None
    user: UserId | None = None
    text: Annotated[str, StringConstraints(max_length=40000)] | None = None  # a proposal draft starts from it
    bot_id: Short | None = None  # a bot's message: nobody to recognise
    subtype: Short | None = None


class Shortcut(_Payload):
    user: _User
    trigger_id: Short
    channel: _Channel
    message: Message | None = None
    message_ts: Ts | None = None


class Meta(_Payload):
    """What ``modal.view`` put in ``private_metadata``: the message being recognised."""

    c: ChannelId
    ts: Ts
    a: UserId | None = None


class _Option(_Payload):
    value: Short


class _Field(_Payload):
    selected_option: _Option | None = None
    value: str | None = None


class _State(_Payload):
    values: dict[Short, dict[Short, _Field]] = Field(default_factory=dict)


class View(_Payload):
    id: Short
    private_metadata: Json[Meta]
    state: _State = Field(default_factory=_State)


class Submission(_Payload):
    user: _User
    view: View


class _Container(_Payload):
    """Where the pressed element is: a message (ephemeral or not) or a view (App Home, a modal)."""

    type: Short
    message_ts: Ts | None = None
    channel_id: ChannelId | None = None
    is_ephemeral: bool = False
    view_id: Short | None = None


class _Action(_Payload):
    action_id: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    value: Annotated[str, StringConstraints(max_length=2000)] | None = None  # a button's
    selected_option: _Option | None = None  # a menu's


class BlockActions(_Payload):
    """A press of a button or a menu in a message or a view (``block_actions``)."""

    user: _User
    actions: Annotated[list[_Action], Field(min_length=1)]
    container: _Container
    channel: _Channel | None = None
    response_url: Annotated[str, StringConstraints(max_length=2048)] | None = None
    trigger_id: Short | None = None


class _Tokens(_Payload):
    oauth: list[UserId] = Field(default_factory=list)
    bot: list[UserId] = Field(default_factory=list)


class TokensRevoked(_Payload):
    """``tokens_revoked``: whose tokens Slack took back (``bot``: Kodo's own, as good as an uninstall)."""

    tokens: _Tokens = Field(default_factory=_Tokens)
