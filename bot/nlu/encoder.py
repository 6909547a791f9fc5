"""The sentence encoder at run time: all-MiniLM-L6-v2 as sentence-transformers computes it
(WordPiece tokens, BERT, mean pooling, L2 normalisation), 384 numbers per message.

Reads only what ``make install`` prepared in ``build/encoder/`` (``bot/nlu/encoder_build.py``):
the tokenizer (``tokenizers``) and an ONNX graph run by onnxruntime on one thread. Nothing
is downloaded. Routes: ``int8`` (default: dynamic int8 quantisation, ~0.6 ms for a short
message) and ``fp32`` (the exact graph, equal to the numpy reference to ~1e-7).

Each message is encoded on its own (no padding), at training as at prediction: int8
quantises activations per call, so a padded batch would give slightly different numbers.

Long messages: sentence-transformers keeps the first 256 tokens. Here a message longer
than ``max_tokens`` keeps its *last* sentences that fit (a story usually ends with the
question), cut at a word start when even the last sentence is too long. Shorter
messages are encoded exactly as sentence-transformers does.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot import paths

logger = logging.getLogger(__name__)

DIMENSION = 384
ENCODER_DIR = paths.BUILD / "encoder"
GRAPHS = {"int8": "model.int8.onnx", "fp32": "model.onnx"}
DEFAULT_ROUTE = "int8"
#: Tokens per message, [CLS] and [SEP] included (sentence-transformers: 256). 64 is above
#: every training message (at most 36 tokens) and keeps about the last 45 words of a story;
#: it bounds the cost of a long message to about 12 ms (int8).
DEFAULT_MAX_TOKENS = 64
#: Token sequences whose embeddings are remembered (the message and its question).
RECENT = 8
SENTENCE_ENDS = {".", "!", "?"}
#: A sentence ends at ".", "!" or "?" (any run of them) followed by white space.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


class EncoderUnavailable(RuntimeError):
    """The prepared encoder files are missing: run ``make install``."""


def load_tokenizer(path: Path) -> Any:
    """The model's WordPiece tokenizer, without the padding to 128 and the truncation that
    its tokenizer.json sets (sentence-transformers pads per batch and truncates itself)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def open_session(path: Path) -> Any:
    """An onnxruntime session on one thread, as the bot runs it."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def tail_start(tokens: Sequence[str], word_ids: Sequence[Optional[int]], budget: int) -> int:
    """Where to start so that at most ``budget`` tokens remain: the earliest sentence start
    that fits, else the earliest word start that fits, else exactly ``budget`` from the end."""
    earliest = max(len(tokens) - budget, 0)
    if earliest == 0:
        return 0
    for i in range(earliest, len(tokens)):
        if tokens[i - 1] in SENTENCE_ENDS and tokens[i] not in SENTENCE_ENDS:
            return i
    for i in range(earliest, len(tokens)):
        if word_ids[i] != word_ids[i - 1]:
            return i
    return earliest


def question_part(text: str, sentences: int = 1) -> str:
    """The question of a story-like message: its last ``sentences`` sentence(s) up to and
    including the last one with a "?" (the last sentences when none has one). A message of
    at most ``sentences`` sentences is returned unchanged, so for a short message the
    question's embedding is the message's own."""
    parts = [part for part in SENTENCE_BREAK.split(text.strip()) if part.strip()]
    if len(parts) <= sentences:
        return text
    asked = [i for i, part in enumerate(parts) if "?" in part]
    end = asked[-1] + 1 if asked else len(parts)
    return " ".join(parts[max(0, end - sentences):end])


class SentenceEncoder:
    """Tokenise, run the graph, return normalised sentence embeddings."""

    def __init__(self, directory: Path = ENCODER_DIR, route: str = DEFAULT_ROUTE,
                 max_tokens: int = DEFAULT_MAX_TOKENS) -> None:
        if route not in GRAPHS:
            raise ValueError(f"route must be one of {sorted(GRAPHS)}, not {route!r}")
        if max_tokens < 3:
            raise ValueError("max_tokens must leave room for [CLS], [SEP] and one token")
        graph = directory / GRAPHS[route]
        tokenizer_file = directory / "tokenizer.json"
        if not graph.exists() or not tokenizer_file.exists():
            raise EncoderUnavailable(f"{graph} or {tokenizer_file} is missing: run `make install` "
                                     "(python -m bot.nlu.encoder_build)")
        self.directory = directory
        self.route = route
        self.max_tokens = max_tokens
        self.tokenizer = load_tokenizer(tokenizer_file)
        self.session = open_session(graph)
        self._recent: Dict[Tuple[int, ...], np.ndarray] = {}
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")

    def token_ids(self, text: str) -> List[int]:
        """[CLS] + the message's WordPiece ids (its last sentences when too long) + [SEP]."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids = encoding.ids
        budget = self.max_tokens - 2
        if len(ids) > budget:
            ids = ids[tail_start(encoding.tokens, encoding.word_ids, budget):][-budget:]
        return [self.cls_id, *ids, self.sep_id]

    def encode_ids(self, ids: Sequence[int]) -> np.ndarray:
        """The embedding of one token sequence; the last few are remembered, so the second
        featurizer (the question of a one-sentence message is the message) costs nothing."""
        key = tuple(ids)
        cached = self._recent.get(key)
        if cached is not None:
            return cached.copy()
        vector = self._run(ids)
        if len(self._recent) >= RECENT:
            self._recent.pop(next(iter(self._recent)))
        self._recent[key] = vector
        return vector.copy()

    def _run(self, ids: Sequence[int]) -> np.ndarray:
        batch = np.asarray([ids], dtype=np.int64)
        output = self.session.run(None, {"input_ids": batch, "attention_mask": np.ones_like(batch)})[0]
        return np.asarray(output[0], dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised embedding per text, shape (n, 384), float32."""
        result = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            result[row] = self.encode_ids(self.token_ids(text))
        return result

    def fingerprint(self) -> str:
        """What decides the numbers: the prepared graph's hash, the route and the token cap."""
        return encoder_fingerprint(self.directory, self.route, self.max_tokens)


def encoder_fingerprint(directory: Path = ENCODER_DIR, route: str = DEFAULT_ROUTE,
                        max_tokens: int = DEFAULT_MAX_TOKENS) -> str:
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        graph_hash = manifest["outputs"][GRAPHS[route]][:16]
    except (OSError, ValueError, KeyError):
        graph_hash = "not-prepared"
    return f"{route}:{max_tokens}:{graph_hash}"


@functools.lru_cache(maxsize=8)
def content_fingerprint(directory: Path = ENCODER_DIR, route: str = DEFAULT_ROUTE,
                        max_tokens: int = DEFAULT_MAX_TOKENS) -> str:
    """Everything that decides an embedding, by content: the graph's and the tokenizer's
    bytes, the route, the token cap, this module's code and the library versions. Keys the
    training cache of embeddings (``bot/nlu/vector_cache.py``): when any of them changes,
    no cached vector is reused."""
    import onnxruntime
    import tokenizers

    digest = hashlib.sha256()
    for path in (directory / GRAPHS[route], directory / "tokenizer.json", Path(__file__)):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"{route}:{max_tokens}:ort={onnxruntime.__version__}:tok={tokenizers.__version__}:"
                  f"np={np.__version__}".encode("utf-8"))
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def get_encoder(route: str = DEFAULT_ROUTE, max_tokens: int = DEFAULT_MAX_TOKENS,
                directory: str = str(ENCODER_DIR)) -> SentenceEncoder:
    """The encoder, loaded once per process (training and serving share it)."""
    encoder = SentenceEncoder(Path(directory), route, max_tokens)
    logger.info("sentence encoder loaded: %s (%s graph, at most %d tokens)", directory, route, max_tokens)
    return encoder
