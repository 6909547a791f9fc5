"""A per-message cache on disk of what training computes from each text alone.

A retraining after a small data change (``python -m bot review apply``, a new topic) sees
the same ~3,000 training texts again; recomputing each one's sentence embedding costs
about a minute of CPU. This cache keeps one vector per text, keyed by the text itself
(its SHA-256) *and* by the fingerprint of what produced it (the encoder's graph and
tokenizer bytes, route, token cap, code and library versions): a changed text misses, and
a changed producer gets a new, empty cache file. It is a build output
(``build/cache/<name>/``), safe to delete at any time; only training reads it.

The file is a plain ``.npz`` (keys and a float32 matrix, loaded with
``allow_pickle=False``) and records its own fingerprint, checked on load, so a renamed or
mixed-up file is ignored rather than trusted. It is written atomically (temporary file,
then ``os.replace``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np

from bot import paths

logger = logging.getLogger(__name__)

CACHE_DIR = paths.BUILD / "cache"
#: Bump when the file layout changes.
FORMAT = "1"
#: Cache files kept per name (other fingerprints: older encoders), newest first.
KEEP = 3


def text_key(text: str) -> str:
    """The cache key of one text: the SHA-256 of its UTF-8 bytes, exactly as given."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorCache:
    """Vectors of one width, one per text, for one producer fingerprint."""

    def __init__(self, name: str, fingerprint: str, width: int, directory: Optional[Path] = None) -> None:
        self.fingerprint = f"{FORMAT}:{width}:{fingerprint}"
        self.width = width
        self.directory = (directory or CACHE_DIR) / name
        digest = hashlib.sha256(self.fingerprint.encode("utf-8")).hexdigest()[:24]
        self.path = self.directory / f"{digest}.npz"
        self.vectors: Dict[str, np.ndarray] = {}
        self.hits = 0
        self.misses = 0
        self._dirty = False
        self._load()

    def _load(self) -> None:
        if not self.path.is_file():
            return
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if str(data["fingerprint"]) != self.fingerprint:
                    logger.warning("%s belongs to another producer: ignored", self.path)
                    return
                keys, matrix = data["keys"], data["vectors"]
                if matrix.shape != (len(keys), self.width):
                    raise ValueError(f"shape {matrix.shape} for {len(keys)} keys")
                self.vectors = {str(k): matrix[i] for i, k in enumerate(keys)}
        except (OSError, ValueError, KeyError) as error:
            logger.warning("unreadable cache %s (%s): starting empty", self.path, error)
            self.vectors = {}

    def get_many(self, texts: Sequence[str], compute: Callable[[str], np.ndarray]) -> List[np.ndarray]:
        """One vector per text: from the cache, or ``compute(text)`` (then stored) on a miss.

        ``compute`` may raise to say "do not cache this one"; the error propagates."""
        out = []
        for text in texts:
            key = text_key(text)
            vector = self.vectors.get(key)
            if vector is None:
                self.misses += 1
                vector = np.asarray(compute(text), dtype=np.float32).reshape(-1)
                if vector.shape != (self.width,):
                    raise ValueError(f"computed a vector of shape {vector.shape}, not ({self.width},)")
                self.vectors[key] = vector
                self._dirty = True
            else:
                self.hits += 1
            out.append(vector)
        return out

    def save(self) -> None:
        """Writes the cache when something was added; keeps the newest ``KEEP`` files."""
        if not self._dirty:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        keys = np.asarray(sorted(self.vectors), dtype="U64")
        matrix = np.stack([self.vectors[k] for k in keys]) if len(keys) else np.zeros((0, self.width), np.float32)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp.npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, fingerprint=np.asarray(self.fingerprint), keys=keys, vectors=matrix)
            os.replace(temporary, self.path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        self._dirty = False
        older = sorted((p for p in self.directory.glob("*.npz") if p != self.path and ".tmp" not in p.name),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP - 1:]:
            stale.unlink(missing_ok=True)
