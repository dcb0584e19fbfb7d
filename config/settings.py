"""Settings from the environment (and a .env file), validated before anything starts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PLATFORMS = ("telegram", "slack", "console")
_SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


class SettingsError(Exception):
    """A setting is wrong; the message is one line a user can act on."""


class Settings(BaseSettings):
    """Every variable of DESIGN.md's settings table, plus the paths of the editable data."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite+aiosqlite:///claimwatch.db", alias="CLAIMWATCH_DATABASE_URL")
    telegram_bot_token: str | None = Field(None, alias="TELEGRAM_BOT_TOKEN", repr=False)
    telegram_api_base_url: str = Field("https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL")
    telegram_webhook_url: str | None = Field(None, alias="TELEGRAM_WEBHOOK_URL")
    telegram_webhook_secret: str | None = Field(None, alias="TELEGRAM_WEBHOOK_SECRET", repr=False)
    slack_bot_token: str | None = Field(None, alias="SLACK_BOT_TOKEN", repr=False)
    slack_app_token: str | None = Field(None, alias="SLACK_APP_TOKEN", repr=False)
    slack_signing_secret: str | None = Field(None, alias="SLACK_SIGNING_SECRET", repr=False)
    slack_api_url: str = Field("https://slack.com/api/", alias="SLACK_API_URL")
    http_port: int = Field(8080, alias="CLAIMWATCH_HTTP_PORT", ge=0, le=65535)
    allowed_users: Annotated[frozenset[str] | None, NoDecode] = Field(None, alias="CLAIMWATCH_ALLOWED_USERS")
    timezone: str = Field("UTC", alias="CLAIMWATCH_TIMEZONE")
    digest_cron: str = Field("0 8 * * mon", alias="CLAIMWATCH_DIGEST_CRON")
    digest_grace_hours: float = Field(24.0, alias="CLAIMWATCH_DIGEST_GRACE_HOURS", gt=0)
    spool_dir: Path = Field(Path("spool"), alias="CLAIMWATCH_SPOOL_DIR")
    allow_private_links: bool = Field(False, alias="CLAIMWATCH_ALLOW_PRIVATE_LINKS")
    gazetteer_file: Path | None = Field(None, alias="CLAIMWATCH_GAZETTEER_FILE")
    lexicon_file: Path | None = Field(None, alias="CLAIMWATCH_LEXICON_FILE")
    alerts_file: Path | None = Field(None, alias="CLAIMWATCH_ALERTS_FILE")
    log_level: str = Field("INFO", alias="CLAIMWATCH_LOG_LEVEL")

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"not a database URL: {value!r}") from exc
        if url.drivername not in _SUPPORTED_DRIVERS:
            raise ValueError(f"use sqlite+aiosqlite:///FILE or postgresql+asyncpg://…, not {url.drivername}")
        return value

    @field_validator("telegram_api_base_url", "slack_api_url", "telegram_webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https://, got {value!r}")
        return value

    @field_validator("allowed_users", mode="before")
    @classmethod
    def _parse_allowed(cls, value: object) -> frozenset[str] | None:
        if value is None or isinstance(value, frozenset):
            return value
        entries = [e.strip() for e in str(value).split(",") if e.strip()]
        if not entries:
            return None
        for entry in entries:
            platform, _, user = entry.partition(":")
            if platform not in PLATFORMS or not user:
                raise ValueError(
                    f"{entry!r} is not platform:user with platform one of {', '.join(PLATFORMS)}"
                )
        return frozenset(entries)

    @field_validator("gazetteer_file", "lexicon_file", "alerts_file")
    @classmethod
    def _readable_file(cls, value: Path | None) -> Path | None:
        """The data files are read lazily; a wrong path is caught here, at start-up, instead."""
        if value is not None and not value.is_file():
            raise ValueError(f"no such file: {value}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Berlin)") from exc
        return value

    @field_validator("digest_cron")
    @classmethod
    def _crontab(cls, value: str) -> str:
        from apscheduler.triggers.cron import CronTrigger

        try:
            CronTrigger.from_crontab(value)
        except ValueError as exc:
            raise ValueError(f"not a crontab expression ({exc}): {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _slack_pairs(self) -> Settings:
        if (self.slack_app_token or self.slack_signing_secret) and not self.slack_bot_token:
            raise ValueError("SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and (self.slack_app_token or self.slack_signing_secret))

    def is_allowed(self, platform: str, user_id: str) -> bool:
        """Whether this sender may feed the bot; everyone may when no list is set."""
        return self.allowed_users is None or f"{platform}:{user_id}" in self.allowed_users


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment; a wrong value raises SettingsError with one readable line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = first["loc"][0] if first["loc"] else "settings"
        name = _env_name(str(field))
        message = first["msg"].removeprefix("Value error, ")
        raise SettingsError(f"{name}: {message}") from None


def _env_name(field: str) -> str:
    info = Settings.model_fields.get(field)
    return info.alias if info and info.alias else field
