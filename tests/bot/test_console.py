"""The console chat driven end to end through stdin, as `claimwatch chat < file` runs in scripts."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from claimwatch.bot.console import Console, MessageReader
from claimwatch.handlers.context import Context

ARTICLE = (
    "نشرت صحيفة النبأ حصادها الأسبوعي، وقالت إن مقاتليها شنوا 16 هجوما في 6 مناطق خلال الأسبوع الماضي."
)


def run_chat(stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimwatch", "chat"], input=stdin, capture_output=True, text=True,
        cwd=cwd, timeout=60, env={"PATH": "/usr/bin:/bin", "CLAIMWATCH_DATABASE_URL": "sqlite+aiosqlite:///c.db"},
    )


def test_piped_article_is_stored_and_a_repeat_is_recognised(tmp_path: Path) -> None:
    result = run_chat(f"{ARTICLE}\n.\n{ARTICLE}\n.\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "New article #1" in result.stdout
    assert "Already known: article #1" in result.stdout
    assert (tmp_path / "c.db").exists()


def test_commands_answer_and_quit_stops_reading(tmp_path: Path) -> None:
    result = run_chat(f"/help\n/quit\n{ARTICLE}\n.\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "/trend REGION" in result.stdout
    assert "New article" not in result.stdout


def test_unknown_command_and_empty_input_get_clear_answers(tmp_path: Path) -> None:
    result = run_chat("/frobnicate\n\n\n.\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Unknown command /frobnicate" in result.stdout
    assert "Traceback" not in result.stderr


def test_last_message_without_a_dot_line_is_still_read(tmp_path: Path) -> None:
    result = run_chat(ARTICLE, tmp_path)
    assert "New article #1" in result.stdout


def test_reader_splits_commands_and_articles() -> None:
    reader = MessageReader()
    fed = [reader.feed(line) for line in ["/digest last", "first line", "/not a command inside", ".", "."]]
    assert fed == ["/digest last", None, None, "first line\n/not a command inside", None]
    assert reader.flush() is None


async def test_console_keeps_serving_after_bad_input(ctx: Context) -> None:
    stdin = io.StringIO("bad\x00binary\n.\n\U0001F600\U0001F600\n.\n" + ARTICLE + "\n.\n")
    stdout = io.StringIO()
    await Console(ctx, stdin=stdin, stdout=stdout).serve()
    output = stdout.getvalue()
    assert "binary data" in output
    assert "no words" in output
    assert "New article #1" in output
