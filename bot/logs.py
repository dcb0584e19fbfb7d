"""Logging set-up: one format, and secrets (tokens in URLs included) never reach a log line."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote

_BOT_TOKEN_IN_URL = re.compile(r"/bot\d+(?::|%3A)[A-Za-z0-9_-]+", re.IGNORECASE)  # PTB's file URLs quote ":"
_SLACK_TOKEN = re.compile(r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")


class RedactSecrets(logging.Filter):
    """Replace every known secret, and anything shaped like a bot or Slack token, with ***."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        super().__init__()
        known = {s for s in secrets if s and len(s) >= 6}
        self.secrets = sorted(known | {quote(s, safe="") for s in known}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        text = _BOT_TOKEN_IN_URL.sub("/bot***", text)
        return _SLACK_TOKEN.sub("***", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def configure_logging(level: str, secrets: Iterable[str | None]) -> None:
    """Log to stderr; httpx's request lines (which carry the Telegram token) only at WARNING."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "httpcore", "apscheduler.executors", "aiohttp.access", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
