"""Articles from files: extract (print what the extractor finds) and ingest (store an archive)."""

from __future__ import annotations

import argparse
import getpass
import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from claimwatch.bot import app
from claimwatch.bot.cli import CommandError, arg, command, iso_date, run_async
from claimwatch.config.settings import Settings
from claimwatch.digest.render_text import render_text
from claimwatch.extract import analyze
from claimwatch.handlers.article_text import problem_with
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import found_document, ingest
from claimwatch.handlers.types import Incoming

MANY_FILES = 20


def read_text(path: str) -> str:
    """A file's text (or stdin for "-"); CommandError with the reason when it is not UTF-8 text."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


@command(
    "extract",
    arg("file", help="a text file, or - for stdin"),
    arg("--json", action="store_true", help="print the JSON contract of DESIGN.md"),
    arg("--published", type=iso_date, help="publication date, YYYY-MM-DD (resolves ISO weeks)"),
)
def extract(args: argparse.Namespace, _settings: Settings) -> int:
    """Print what the extractor finds in a text, without storing anything."""
    analysis = analyze(read_text(args.file), args.published)
    if args.json:
        json.dump(analysis.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render_text(found_document(args.file, analysis)))
    return 0


def _file_incoming(path: str, text: str, published: object) -> Incoming:
    origin = str(Path(path).resolve())
    return Incoming(
        platform="cli",
        chat_id="archive",
        user_id=getpass.getuser(),
        message_id=hashlib.sha256(origin.encode()).hexdigest()[:32],
        text=text,
        received_at=datetime.now(UTC),
        published=published,
        forwarded_from=Path(path).name,
    )


async def _ingest_one(ctx: Context, path: str, published: object) -> tuple[bool, str]:
    """(ok, the line to print) for one file."""
    try:
        text = read_text(path)
    except CommandError as exc:
        return False, f"failed: {exc}"
    problem = problem_with(text)
    if problem:
        return False, f"{path}: failed: {problem}"
    result = await ingest(ctx, _file_incoming(path, text, published))
    if result.stored.status != "new":
        return True, f"{path}: duplicate of article #{result.stored.article_id}"
    if result.analysis is None:
        return True, f"{path}: stored as #{result.stored.article_id}; analysis failed (see log)"
    found = len(result.analysis.statistics)
    return True, f"{path}: stored as #{result.stored.article_id} ({found} figures)"


@command(
    "ingest",
    arg("files", nargs="+", metavar="FILE", help="text files, one article each"),
    arg("--published", type=iso_date, help="publication date for files that have no other"),
)
def ingest_files(args: argparse.Namespace, settings: Settings) -> int:
    """Store articles from files (an analyst's archive): one line per file, stored / duplicate / failed."""

    async def ingest_all() -> int:
        failures = 0
        async with app.open_context(settings) as ctx:
            bar = tqdm(args.files, unit="file", disable=len(args.files) < MANY_FILES, file=sys.stderr)
            for path in bar:
                ok, line = await _ingest_one(ctx, path, args.published)
                failures += not ok
                bar.write(line, file=sys.stdout)
        return failures

    failures = run_async(ingest_all())
    return 1 if failures else 0
