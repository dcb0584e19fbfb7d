"""The `claimwatch` command: exit codes and one-line messages for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimwatch.bot.cli import main

ARTICLE = "Islamic State claimed 16 attacks in 6 regions last week, down from 23 attacks the week before."


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_extract_json_prints_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "a.txt", ARTICLE)
    assert main(["extract", "--json", "--published", "2023-01-14", str(source)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"language", "published", "extractor_version", "reported_week", "source_issue",
                            "regions", "statistics", "claims"}
    assert printed["language"] == "en"
    assert printed["published"] == "2023-01-14"


def test_extract_reads_stdin(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "claimwatch", "extract", "--json", "-"], input=ARTICLE,
                            capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["language"] == "en"


def test_invalid_utf8_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "latin1.txt", "caf\xe9 attacks".encode("latin-1"))
    assert main(["extract", "--json", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not UTF-8 text (byte 0xe9 at offset 3)" in err


def test_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--json", str(tmp_path / "absent.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["extract", "--json", "--published", "14/01/2023", "-"])
    assert exited.value.code == 2
    assert "not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_ingest_reports_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    copy = write(tmp_path / "copy.txt", ARTICLE + "\n")
    empty = write(tmp_path / "empty.txt", "   \n")
    binary = write(tmp_path / "blob.txt", b"PK\x00\x03\x04 zipped attacks")
    huge = write(tmp_path / "huge.txt", "attack " * 1_500_000)
    code = main(["ingest", "--published", "2023-01-14", *map(str, (good, copy, empty, binary, huge))])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0] == f"{good}: stored as #1 ({out[0].split('(')[1]}"
    assert out[1] == f"{copy}: duplicate of article #1"
    assert out[2].startswith(f"{empty}: failed: The message is empty")
    assert out[3].startswith(f"{binary}: failed: This looks like binary data")
    assert out[4].startswith(f"{huge}: failed: The text is 10,500,000 characters long")


def test_unreachable_database_is_one_line_and_nonzero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert main(["db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("claimwatch: cannot reach database postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert err.count("\n") == 1


def test_bad_setting_stops_start_up_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLAIMWATCH_ALLOWED_USERS", "irc:bob")
    assert main(["run"]) == 1
    assert capsys.readouterr().err == (
        "claimwatch: CLAIMWATCH_ALLOWED_USERS: 'irc:bob' is not platform:user with platform one of "
        "telegram, slack, console\n"
    )


def test_db_upgrade_is_repeatable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path) -> None:
    many_figures = "\n".join(f"Islamic State claimed {n} attacks in Sinai last week." for n in range(1, 3000))
    source = write(tmp_path / "long.txt", many_figures)  # a JSON answer far larger than a pipe's buffer
    reader = subprocess.Popen([sys.executable, "-m", "claimwatch", "extract", "--json", str(source)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert reader.stdout is not None
    reader.stdout.read(10)
    reader.stdout.close()
    _, err = reader.communicate(timeout=60)
    assert b"Traceback" not in err
