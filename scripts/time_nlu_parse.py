"""Time the whole NLU parse of a fixed set of 40 messages in-process (issue 17, item 2:
the per-message cost before and after the Hindi data).

The 40 messages: the first 20 of the held-in English set (tests/nlu/test_nlu.yml) and the
first 10 Devanagari and 10 romanised-Hindi messages of the development set
(tests/nlu/dev/hindi.yml). Each message is parsed once to warm up, then ``--rounds`` times;
the median per-message time is printed per language and overall. One thread, as
``make bench`` measures.

Usage: python scripts/time_nlu_parse.py [--model models/clonus-<fingerprint>.tar.gz] [--rounds 5]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import asyncio  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Dict, List  # noqa: E402

from bot import paths  # noqa: E402
from bot.maintain.results import load_agent, load_examples, quiet_warnings  # noqa: E402
from bot.nlu.language import ENGLISH, HINDI, HINGLISH, detect  # noqa: E402


def messages() -> List[str]:
    english = [t for t, _ in load_examples(paths.ROOT / "tests/nlu/test_nlu.yml")][:20]
    dev = [t for t, _ in load_examples(paths.ROOT / "tests/nlu/dev/hindi.yml")]
    return english + [t for t in dev if detect(t) == HINDI][:10] + [t for t in dev if detect(t) == HINGLISH][:10]


def main() -> int:
    quiet_warnings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from bot.fingerprint import model_path

    agent = load_agent(args.model or model_path())
    texts = messages()
    times: Dict[str, List[float]] = {}

    async def run() -> None:
        for text in texts:
            await agent.parse_message(text)  # warm-up
        for _ in range(args.rounds):
            for text in texts:
                start = time.perf_counter()
                await agent.parse_message(text)
                elapsed = (time.perf_counter() - start) * 1000
                times.setdefault(detect(text) if detect(text) != ENGLISH else ENGLISH, []).append(elapsed)
                times.setdefault("all", []).append(elapsed)

    asyncio.run(run())
    print(f"{len(texts)} messages x {args.rounds} rounds, model {(args.model or model_path()).name}")
    for key, values in sorted(times.items()):
        print(f"  {key:8} n={len(values):4}  median {statistics.median(values):6.1f} ms  "
              f"p90 {sorted(values)[int(0.9 * (len(values) - 1))]:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
