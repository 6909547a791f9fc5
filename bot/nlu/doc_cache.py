"""A per-text cache on disk of the spaCy pipeline's Docs, for training only.

Rasa runs the spaCy pipeline over every training example at every training, and over
every FAQ example's *answer* too (the ``response`` attribute: one long text per example,
the same answer hundreds of times). A retraining after a small data change recomputes
them all. Here each distinct text is processed once per training, and its Doc is kept on
disk (``Doc.to_bytes``, user data and the context extensions included) keyed by the text
(SHA-256) and by the pipeline's content fingerprint: the installed package's files, the
project's ``bot/nlp`` sources and rule files, and the spaCy version. A changed text
misses; a changed pipeline uses another, empty, database. A build output
(``build/cache/spacy/``), safe to delete; ``CLONUS_FEATURE_CACHE=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from bot.nlu import vector_cache
from bot.nlu.vector_cache import KEEP, text_key

logger = logging.getLogger(__name__)

#: Bump when the stored layout changes.
FORMAT = "1"


def package_fingerprint(model_name: str) -> str:
    """The content hash of an installed spaCy pipeline package, the project's pipeline
    sources (in case they are imported live) and the spaCy version."""
    import spacy

    from bot.nlp.pipeline import source_fingerprint

    digest = hashlib.sha256(f"{FORMAT}:{model_name}:spacy={spacy.__version__}:".encode("utf-8"))
    package = spacy.util.get_package_path(model_name)
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(source_fingerprint().encode("utf-8"))
    return digest.hexdigest()


class DocCache:
    """Docs of one pipeline (one fingerprint), one row per distinct text."""

    def __init__(self, fingerprint: str, directory: Optional[Path] = None) -> None:
        self.fingerprint = fingerprint
        self.directory = (directory or vector_cache.CACHE_DIR) / "spacy"
        self.path = self.directory / f"{hashlib.sha256(fingerprint.encode('utf-8')).hexdigest()[:24]}.sqlite"
        self.hits = 0
        self.misses = 0

    def _connect(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=30)
        connection.execute("CREATE TABLE IF NOT EXISTS meta (fingerprint TEXT NOT NULL)")
        connection.execute("CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, doc BLOB NOT NULL)")
        row = connection.execute("SELECT fingerprint FROM meta").fetchone()
        if row is None:
            connection.execute("INSERT INTO meta VALUES (?)", (self.fingerprint,))
            connection.commit()
        elif row[0] != self.fingerprint:
            connection.close()
            raise ValueError(f"{self.path} belongs to another pipeline")
        return connection

    def docs(self, model: Language, texts: Sequence[str], batch_size: int = 50) -> List[Doc]:
        """One Doc per text: read from the cache, or run through ``model`` and stored. Equal
        texts share one Doc (nothing in training writes to a Doc; a FAQ answer is the
        ``response`` of hundreds of examples)."""
        keys = [text_key(t) for t in texts]
        stored: Dict[str, bytes] = {}
        connection: Optional[sqlite3.Connection] = None
        try:
            connection = self._connect()
            wanted = sorted(set(keys))
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                marks = ",".join("?" * len(chunk))
                stored.update(connection.execute(f"SELECT key, doc FROM docs WHERE key IN ({marks})", chunk))
        except (sqlite3.Error, OSError, ValueError) as error:
            logger.warning("spaCy doc cache unusable (%s): processing every text", error)
            if connection is not None:
                connection.close()
            connection, stored = None, {}
        missing: Dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in stored:
                missing.setdefault(key, text)
        computed = dict(zip(missing, model.pipe(list(missing.values()), batch_size=batch_size), strict=True))
        self.misses, self.hits = len(missing), len(set(keys)) - len(missing)
        new_rows = {key: doc.to_bytes() for key, doc in computed.items()}
        if connection is not None:
            try:
                if new_rows:
                    connection.executemany("INSERT OR REPLACE INTO docs VALUES (?, ?)", list(new_rows.items()))
                    connection.commit()
            except sqlite3.Error as error:
                logger.warning("could not write the spaCy doc cache (%s)", error)
            finally:
                connection.close()
            self._prune()
        stored.update(new_rows)
        # hit or miss, every Doc is read back from the same bytes, so the cache state never
        # changes what training sees
        docs = {key: Doc(model.vocab).from_bytes(stored[key]) for key in set(keys)}
        return [docs[key] for key in keys]


    def _prune(self) -> None:
        """Keeps the newest ``KEEP`` databases (older pipelines' Docs are never read again)."""
        older = sorted((p for p in self.directory.glob("*.sqlite") if p != self.path),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP - 1:]:
            stale.unlink(missing_ok=True)


def enabled() -> bool:
    return os.environ.get("CLONUS_FEATURE_CACHE", "1") != "0"
