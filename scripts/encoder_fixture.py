"""Writes tests/fixtures/encoder_reference.json: reference all-MiniLM-L6-v2 embeddings that
tests/unit/test_encoder.py pins the runtime encoder against.

How the numbers are made: the messages below (our own) are tokenised with the model's
tokenizer.json (no padding, no truncation: all are short), and embedded by the plain
numpy float64 implementation of BERT + mean pooling + L2 normalisation
(bot/nlu/bert_numpy.py) from the verified model.safetensors in build/encoder/. Before
writing, the script checks that the same implementation reproduces the similarity matrix
that sentence-transformers' documentation publishes for all-MiniLM-L6-v2 (to its four
decimals), the one external figure we can check against without sentence-transformers.

Usage (after `make install`): python scripts/encoder_fixture.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlu.bert_numpy import load_weights, sentence_embeddings  # noqa: E402
from bot.nlu.encoder import ENCODER_DIR, load_tokenizer  # noqa: E402
from bot.nlu.encoder_build import check_reference, read_manifest  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "encoder_reference.json"
MESSAGES = [
    "what is clonus",
    "my ankle keeps jerking when I stand on tiptoe",
    "Who should I see about rhythmic twitching in my calf?",
    "thanks, bye",
    "is it dangerous if my dad's leg shakes like this after his stroke",
    "ok",
]


def main() -> int:
    check_reference(ENCODER_DIR)  # raises unless the published similarities are reproduced
    tokenizer = load_tokenizer(ENCODER_DIR / "tokenizer.json")
    ids = [tokenizer.encode(text).ids for text in MESSAGES]
    embeddings = sentence_embeddings(load_weights(ENCODER_DIR / "model.safetensors"), ids)
    manifest = read_manifest(ENCODER_DIR) or {}
    fixture = {
        "made_by": "scripts/encoder_fixture.py (numpy float64 BERT, bot/nlu/bert_numpy.py)",
        "weights_sha256": manifest.get("outputs", {}).get("model.safetensors"),
        "tokenizer_sha256": manifest.get("outputs", {}).get("tokenizer.json"),
        "examples": [{"text": text, "ids": token_ids, "embedding": [round(float(x), 7) for x in vector]}
                     for text, token_ids, vector in zip(MESSAGES, ids, embeddings, strict=True)],
    }
    examples = ",\n".join("  " + json.dumps(example) for example in fixture.pop("examples"))
    head = json.dumps(fixture, indent=1)[:-2]  # without the closing brace
    FIXTURE.write_text(f'{head},\n "examples": [\n{examples}\n ]\n}}\n', encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)} ({len(MESSAGES)} messages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
