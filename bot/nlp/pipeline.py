"""Assemble the project's spaCy pipeline from a blank English model."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable

import spacy
from spacy.language import Language

from bot import paths

#: spaCy pipeline name; ``spacy package`` prefixes the language: ``en_clonus_pipeline``.
PIPELINE_NAME = "clonus_pipeline"
PACKAGE_NAME = f"en_{PIPELINE_NAME}"
#: Bump the minor version when the pipeline's structure changes; the content
#: fingerprint (see ``source_fingerprint``) is recorded in the package meta too.
PIPELINE_VERSION = "1.0.0"


def pipeline_sources() -> list[Path]:
    """Files whose content defines the pipeline (code and data)."""
    files: Iterable[Path] = sorted((paths.ROOT / "bot" / "nlp").glob("*.py"))
    data = sorted((paths.KNOWLEDGE / "nlp").glob("*.yml")) if (paths.KNOWLEDGE / "nlp").is_dir() else []
    return [*files, *data]


def source_fingerprint() -> str:
    """A short hash of every file that defines the pipeline."""
    digest = hashlib.sha256()
    for path in pipeline_sources():
        digest.update(path.relative_to(paths.ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_pipeline() -> Language:
    """Blank English + sentence boundaries (later components add medical rules)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["version"] = PIPELINE_VERSION
    nlp.meta["description"] = (
        "Project-built pipeline of the clonus information assistant: blank English "
        "tokenizer and sentencizer."
    )
    nlp.meta["author"] = "clonus assistant maintainers"
    nlp.meta["license"] = "MIT"
    nlp.meta["clonus_fingerprint"] = source_fingerprint()
    return nlp
