"""Time bot.places: extract_place (runs on every message) and resolve (the form's answer).

Usage: python scripts/bench_places.py [--rounds N]
Messages: the NLU examples of data/nlu/ and tests/nlu/ (a few hundred to a few thousand),
and for resolve also a set of typical answers to "Where are you?", misspellings included.
Prints the warm-up time and mean / p50 / p95 / max milliseconds per call.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Callable, List, Sequence

from bot import places
from bot.maintain.results import load_examples

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = [
    "Pune", "pune", "near Kothrud, Pune", "I live near Kothrud in Pune", "Chicago IL",
    "chicago il", "Manchester UK", "Manchester, England", "Hyderabad, Pakistan",
    "Springfield, Illinois", "India", "the US", "UK", "Manchester", "Hyderabad", "London",
    "Paris", "Pnue", "Chicgo", "Mumbay", "hydrabad", "Banglore", "Manchster", "Sydeny",
    "asdfgh", "123", "what is clonus", "no idea", "my ankle", "yes", "Kothrud",
    "Vancouver BC", "Perth, Western Australia", "the one in the UK", "not Pune, Nashik",
]


def messages() -> List[str]:
    files = sorted((ROOT / "data" / "nlu").glob("*.yml")) + [ROOT / "tests" / "nlu" / "test_nlu.yml"]
    return [text for path in files if path.exists() for text, _ in load_examples(path)]


def bench(name: str, call: Callable[[str], object], texts: Sequence[str], rounds: int) -> None:
    times = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            call(text)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"{name:15} {len(texts):5} messages x {rounds}: mean {statistics.mean(times):.3f} ms, "
          f"p50 {statistics.median(times):.3f} ms, p95 {p95:.3f} ms, max {times[-1]:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    places.warm_up()
    print(f"warm_up         {time.perf_counter() - start:.2f} s")
    texts = messages()
    bench("extract_place", places.extract_place, texts, args.rounds)
    bench("resolve", places.resolve, texts, args.rounds)
    bench("resolve answers", places.resolve, ANSWERS, args.rounds)


if __name__ == "__main__":
    main()
