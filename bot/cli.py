"""The `claimwatch` command. Each sub-command is one small function; its docstring is its help.

argparse, not click or typer: the standard library covers sub-commands and help,
and the CLI stays one dependency lighter for a tool that also runs in Docker.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from claimwatch.bot.logs import configure_logging
from claimwatch.config.settings import Settings, SettingsError, load_settings
from claimwatch.storage.db import DatabaseUnavailable

log = logging.getLogger(__name__)
DESCRIPTION = ("ClaimWatch stores forwarded articles on jihadist-group activity, extracts their figures, "
               "regions and claims, and posts weekly digests. `claimwatch COMMAND -h` explains a command.")


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit status 1."""


@dataclass(frozen=True)
class Argument:
    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Argument:
    return Argument(flags, options)


Runner = Callable[[argparse.Namespace, Settings], int]
REGISTRY: list[tuple[str, Runner, tuple[Argument, ...]]] = []


def command(name: str, *arguments: Argument) -> Callable[[Runner], Runner]:
    """Register a sub-command; the function's docstring becomes its help."""
    def register(function: Runner) -> Runner:
        REGISTRY.append((name, function, arguments))
        return function
    return register


def iso_date(value: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimwatch", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, function, arguments in REGISTRY:
        doc = (function.__doc__ or "").strip()
        child = sub.add_parser(name, help=doc.splitlines()[0] if doc else None, description=doc)
        for argument in arguments:
            child.add_argument(*argument.flags, **argument.options)
        child.set_defaults(run=function)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script: parse, load settings, run, and map failures to one line."""
    import claimwatch.bot.commands  # noqa: F401 - registers the sub-commands

    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, secrets_of(settings))
        return args.run(args, settings)
    except (SettingsError, CommandError, DatabaseUnavailable) as exc:
        sys.stderr.write(f"claimwatch: {exc}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `claimwatch export | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def secrets_of(settings: Settings) -> list[str | None]:
    return [settings.telegram_bot_token, settings.slack_bot_token, settings.slack_app_token,
            settings.slack_signing_secret, settings.telegram_webhook_secret]


def run_async(coroutine: Any) -> Any:
    return asyncio.run(coroutine)
