"""Cost of the sentence encoder per message, by route: median ms for a 6-word and a 60-word
message (tokenising included, one thread), and the extra resident memory of loading it.

Routes: ``numpy`` (bot/nlu/bert_numpy.py in float32, numpy's BLAS), ``fp32`` and ``int8``
(the ONNX graphs in build/encoder/, onnxruntime). Each route runs in its own process.
On CPUs where OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set, ``numpy-native`` runs the
numpy route with both unset in that child process only (threadpoolctl names the kernel).

Usage (after `make install`): python scripts/encoder_bench.py [--repeat 300]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHORT = "why does my ankle keep shaking"  # 6 words
LONG = ("last week I was walking my dog when my right foot started to bounce up and down on its own "
        "and it kept going for about a minute after I stopped, my doctor mentioned something about "
        "reflexes but I did not understand it and now I am worried that it might come back when I "
        "climb stairs, what is it")  # 60 words
ROUTES = ("numpy", "numpy-native", "fp32", "int8")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(route: str, repeat: int, max_tokens: int) -> dict:
    import numpy as np
    import onnxruntime  # noqa: F401 - imported before the baseline, like in the bot
    import tokenizers  # noqa: F401
    from threadpoolctl import threadpool_info

    from bot.nlu.encoder import ENCODER_DIR, SentenceEncoder, load_tokenizer

    before = rss_mb()
    if route.startswith("numpy"):
        from bot.nlu.bert_numpy import load_weights, token_embeddings

        weights = load_weights(ENCODER_DIR / "model.safetensors", np.float32)
        tokenizer = load_tokenizer(ENCODER_DIR / "tokenizer.json")

        def encode(text: str) -> np.ndarray:
            pooled = token_embeddings(weights, tokenizer.encode(text).ids).mean(axis=0)
            return pooled / np.linalg.norm(pooled)
    else:
        encoder = SentenceEncoder(ENCODER_DIR, route, max_tokens)

        def encode(text: str) -> np.ndarray:
            encoder._recent.clear()  # time a real encoder run, not the remembered result
            return encoder.encode([text])[0]
    loaded = rss_mb()
    timings = {}
    for name, text in (("short", SHORT), ("long", LONG)):
        for _ in range(20):
            encode(text)
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            encode(text)
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = statistics.median(samples)
    blas = [f"{i.get('internal_api')} {i.get('architecture')}" for i in threadpool_info() if i.get("user_api") == "blas"]
    return {"route": route, "short_ms": timings["short"], "long_ms": timings["long"],
            "extra_rss_mb": loaded - before, "rss_after_mb": rss_mb(), "blas": blas}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--child", choices=ROUTES)
    parser.add_argument("--routes", nargs="*", default=list(ROUTES))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.repeat, args.max_tokens)))
        return 0
    print(f"{len(SHORT.split())}-word and {len(LONG.split())}-word messages, median of {args.repeat}, 1 thread")
    print("| route | 6 words | 60 words | extra RSS | BLAS kernel |\n|---|---:|---:|---:|---|")
    for route in args.routes:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        if route == "numpy-native":
            env.pop("OPENBLAS_CORETYPE", None)
            env.pop("OPENBLAS_L2_SIZE", None)
        output = subprocess.run([sys.executable, __file__, "--child", route, "--repeat", str(args.repeat),
                                 "--max-tokens", str(args.max_tokens)],
                                env=env, check=True, capture_output=True, text=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        print(f"| {route} | {result['short_ms']:.2f} ms | {result['long_ms']:.2f} ms | "
              f"{result['extra_rss_mb']:.0f} MB | {', '.join(result['blas']) if route.startswith('numpy') else '-'} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
