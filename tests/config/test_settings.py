"""Settings: every bad value stops start-up with one line that names the variable."""

from __future__ import annotations

import pytest

from claimwatch.config.settings import SettingsError, load_settings


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("CLAIMWATCH_DATABASE_URL", "mysql://db/claims", "CLAIMWATCH_DATABASE_URL: use sqlite+aiosqlite"),
        ("CLAIMWATCH_DATABASE_URL", "not a url", "CLAIMWATCH_DATABASE_URL: not a database URL"),
        ("CLAIMWATCH_ALLOWED_USERS", "telegram:1,discord:2", "'discord:2' is not platform:user"),
        ("CLAIMWATCH_ALLOWED_USERS", "telegram:", "'telegram:' is not platform:user"),
        ("CLAIMWATCH_TIMEZONE", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("CLAIMWATCH_DIGEST_CRON", "every monday", "CLAIMWATCH_DIGEST_CRON: not a crontab expression"),
        ("CLAIMWATCH_HTTP_PORT", "70000", "CLAIMWATCH_HTTP_PORT"),
        ("TELEGRAM_API_BASE_URL", "ftp://example.org/bot", "must start with http:// or https://"),
        ("SLACK_SIGNING_SECRET", "abc123", "SLACK_BOT_TOKEN is not"),
    ],
)
def test_bad_value_gives_one_readable_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_defaults_follow_the_design_table() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite+aiosqlite:///claimwatch.db"
    assert settings.http_port == 8080
    assert settings.digest_cron == "0 8 * * mon"
    assert settings.timezone == "UTC"
    assert settings.allowed_users is None
    assert not settings.telegram_enabled
    assert not settings.slack_enabled


def test_allowed_users_admit_only_the_listed_senders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_ALLOWED_USERS", "telegram:123, slack:U456")
    settings = load_settings()
    assert settings.is_allowed("telegram", "123")
    assert settings.is_allowed("slack", "U456")
    assert not settings.is_allowed("telegram", "456")
    assert not settings.is_allowed("slack", "123")


def test_secrets_stay_out_of_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN-VALUE")
    settings = load_settings()
    assert settings.telegram_enabled
    assert "SECRET-TOKEN-VALUE" not in repr(settings)


def test_a_data_file_that_does_not_exist_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_GAZETTEER_FILE", "/nowhere/gazetteer.yaml")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == "CLAIMWATCH_GAZETTEER_FILE: no such file: /nowhere/gazetteer.yaml"
