"""The Slack app as set up: manifest and code agree, settings pick the mode, a bad token stops the start."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimwatch.bot.app import build_transports
from claimwatch.bot.slack import EVENTS_PATH, SLASH_COMMANDS, SlackTransport
from claimwatch.config.settings import SettingsError
from claimwatch.handlers.commands import COMMANDS
from claimwatch.handlers.context import Context
from tests.conftest import make_settings
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeSlackApi

MANIFEST = Path(__file__).resolve().parents[2] / "slack" / "manifest.yml"
# The Web API methods the transport calls, and the bot scope each needs.
SCOPES_NEEDED = {"chat:write", "files:write", "commands", "app_mentions:read", "im:history", "channels:read",
                 "groups:read", "im:read", "mpim:read", "channels:join", "users:read"}


@pytest.fixture(scope="module")
def manifest() -> dict[str, object]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_the_manifest_declares_exactly_the_commands_the_app_listens_to(manifest: dict) -> None:
    declared = {c["command"].lstrip("/"): c for c in manifest["features"]["slash_commands"]}
    assert set(declared) == set(SLASH_COMMANDS)
    usage = {c.name: c.usage.partition(" ")[2] for c in COMMANDS}
    for name, command in declared.items():
        assert command.get("usage_hint", "") == usage[name]
        assert command["should_escape"] is False  # mentions arrive as <@U…>, which the transport reads


def test_the_manifest_subscribes_the_events_and_scopes_the_app_uses(manifest: dict) -> None:
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"message.im", "app_mention"}
    assert settings["socket_mode_enabled"] is True
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == SCOPES_NEEDED
    assert EVENTS_PATH in MANIFEST.read_text(encoding="utf-8")  # the HTTP-mode note names the one URL


def test_an_app_token_means_socket_mode_and_a_signing_secret_means_http(ctx: Context) -> None:
    socket = Context(settings=make_settings(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN), db=ctx.db)
    http = Context(settings=make_settings(slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET),
                   db=ctx.db)
    [socket_transport] = build_transports(socket)
    [http_transport] = build_transports(http)
    assert isinstance(socket_transport, SlackTransport) and socket_transport.routes() == []
    assert [r.path for r in http_transport.routes()] == [EVENTS_PATH]
    assert build_transports(Context(settings=make_settings(slack_bot_token=BOT_TOKEN), db=ctx.db)) == []


async def test_a_token_slack_refuses_stops_the_start_with_one_clear_line(ctx: Context) -> None:
    api = FakeSlackApi()
    await api.start()
    settings = make_settings(slack_bot_token="xoxb-revoked", slack_signing_secret=SIGNING_SECRET,
                             slack_api_url=api.api_url)
    try:
        refused = r"SLACK_BOT_TOKEN: Slack refused it \(invalid_auth\)"
        with pytest.raises(SettingsError, match=refused) as error:
            await SlackTransport(Context(settings=settings, db=ctx.db)).start()
        assert "xoxb" not in str(error.value)
    finally:
        await api.stop()


async def test_an_app_token_slack_refuses_stops_the_start_with_one_clear_line(ctx: Context) -> None:
    api = FakeSlackApi()
    await api.start()
    settings = make_settings(slack_bot_token=BOT_TOKEN, slack_app_token="xapp-1-revoked",
                             slack_api_url=api.api_url)
    try:
        with pytest.raises(SettingsError, match=r"SLACK_APP_TOKEN: Slack refused it \(invalid_auth\)"):
            await SlackTransport(Context(settings=settings, db=ctx.db)).start()
    finally:
        await api.stop()
