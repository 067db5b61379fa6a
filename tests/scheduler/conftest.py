from __future__ import annotations

import pytest

from tests.fakes.slack_api import FakeSlackApi


@pytest.fixture
async def api():
    """A local fake Slack Web API for the scheduler to post to."""
    fake = FakeSlackApi()
    await fake.start()
    yield fake
    await fake.stop()
