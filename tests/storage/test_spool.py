"""The spool: messages kept on disk while the database is down, replayed in order, none lost."""

from __future__ import annotations

import json
from pathlib import Path

from claimwatch.storage.db import DatabaseUnavailable
from claimwatch.storage.spool import Spool


class Consumer:
    """Takes records like the ingest does; refuses with DatabaseUnavailable while `down`."""

    def __init__(self, down_from: int | None = None, broken: set[int] | None = None) -> None:
        self.seen: list[int] = []
        self.down_from = down_from
        self.broken = broken or set()

    async def __call__(self, record: dict) -> None:
        number = record["n"]
        if self.down_from is not None and number >= self.down_from:
            raise DatabaseUnavailable("database is locked")
        if number in self.broken:
            raise ValueError(f"cannot process {number}")
        self.seen.append(number)


async def fill(spool: Spool, *numbers: int) -> None:
    for number in numbers:
        await spool.append({"n": number, "text": "شن التنظيم 16 هجوما"})


async def test_lines_are_durable_json_with_the_text_intact(tmp_path: Path) -> None:
    spool = Spool(tmp_path / "spool")
    await fill(spool, 1)
    [line] = (tmp_path / "spool" / "incoming.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"n": 1, "text": "شن التنظيم 16 هجوما"}
    assert spool.has_pending()


async def test_replay_feeds_every_message_in_order_then_nothing(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await fill(spool, 1, 2, 3)
    consumer = Consumer()
    result = await spool.replay(consumer)
    assert consumer.seen == [1, 2, 3]
    assert (result.replayed, result.waiting) == (3, 0)
    assert not spool.has_pending()
    assert (await spool.replay(consumer)).replayed == 0
    assert consumer.seen == [1, 2, 3]


async def test_database_down_again_keeps_the_rest_for_the_next_round(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await fill(spool, 1, 2, 3, 4)
    first = await spool.replay(Consumer(down_from=3))
    await fill(spool, 5)  # arrives while the database is still down
    consumer = Consumer()
    second = await spool.replay(consumer)
    assert (first.replayed, first.waiting) == (2, 2)
    assert consumer.seen == [3, 4, 5]
    assert second.replayed == 3
    assert not spool.has_pending()


async def test_a_message_that_cannot_be_processed_is_set_aside_not_lost(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await fill(spool, 1, 2, 3)
    with (tmp_path / "incoming.jsonl").open("a") as file:
        file.write('{"n": 4, "text": "cut off mid-wri\n')
    consumer = Consumer(broken={2})
    result = await spool.replay(consumer)
    rejected = [json.loads(line) for line in (tmp_path / "rejected.jsonl").read_text().splitlines()]
    assert consumer.seen == [1, 3]
    assert result.rejected == 2
    assert "cannot process 2" in rejected[0]["error"]
    assert rejected[1]["line"].startswith('{"n": 4')
    assert not spool.has_pending()


async def test_a_replay_already_running_is_not_doubled(tmp_path: Path) -> None:
    spool = Spool(tmp_path)
    await fill(spool, 1, 2)
    inner: list[object] = []

    async def consume_and_replay_again(record: dict) -> None:
        inner.append(await spool.replay(Consumer()))

    await spool.replay(consume_and_replay_again)
    assert all(result.replayed == 0 for result in inner)
