"""Extractor throughput on one core: articles per second and µs per kB over a corpus.

    python bench/extract.py [CORPUS_DIR] [--rounds N]

Reads every *.txt of the corpus (default: ../shared/corpus/dev beside the
repository), runs `analyze` over all of them N times after one warm-up round
(which also loads the gazetteer and lexicon) and prints the figures, by the
wall clock and by the process's CPU time (the steadier one on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from claimwatch.extract import analyze

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def load(corpus: Path) -> list[tuple[str, date | None]]:
    """Texts of the corpus with their publication dates (from the gold JSON when present)."""
    articles = []
    for path in sorted(corpus.glob("*.txt")):
        gold = path.with_suffix(".json")
        published = json.loads(gold.read_text(encoding="utf-8")).get("published") if gold.exists() else None
        day = date.fromisoformat(published) if published else None
        articles.append((path.read_text(encoding="utf-8"), day))
    return articles


def bench(articles: list[tuple[str, date | None]], rounds: int) -> dict[str, float]:
    """Articles per second and µs per kB of UTF-8 text, by wall clock and by CPU time."""
    for text, published in articles:
        analyze(text, published)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for text, published in articles:
            analyze(text, published)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    count = len(articles) * rounds
    kilobytes = sum(len(text.encode("utf-8")) for text, _ in articles) / 1000 * rounds
    return {
        "articles_per_s": count / wall, "us_per_kb": wall * 1e6 / kilobytes,
        "cpu_articles_per_s": count / cpu, "cpu_us_per_kb": cpu * 1e6 / kilobytes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args(argv)
    articles = load(args.corpus)
    if not articles:
        print(f"no *.txt in {args.corpus}")
        return 2
    figures = bench(articles, args.rounds)
    print(f"{len(articles)} articles x {args.rounds} rounds: "
          f"{figures['articles_per_s']:,.0f} articles/s, {figures['us_per_kb']:,.0f} µs per kB (wall clock); "
          f"{figures['cpu_articles_per_s']:,.0f} articles/s, {figures['cpu_us_per_kb']:,.0f} µs per kB (CPU)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
