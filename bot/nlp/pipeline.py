"""Assemble the project's spaCy pipeline from a blank English model.

Components, in order: ``clonus_normalizer`` (fixes common misspellings in token norms),
``sentencizer``, ``clonus_long_sentences`` (run-on sentences cut at 120 tokens),
``entity_ruler`` (medical concepts from ``knowledge/red_flags.yml``)
and ``clonus_context`` (negation / hypothetical / informational / historical status
from ``knowledge/context_rules.yml``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Dict, List

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.schemas import validate_token_pattern

from bot import paths
from bot.knowledge.rule_files import context_data, red_flag_data, rule_files
from bot.nlp import components  # noqa: F401 - registers the factories
from bot.nlp.patterns import GAP, phrase_words, ruler_patterns

#: spaCy pipeline name; ``spacy package`` prefixes the language: ``en_clonus_pipeline``.
PIPELINE_NAME = "clonus_pipeline"
PACKAGE_NAME = f"en_{PIPELINE_NAME}"
#: Bump when the pipeline's structure changes; the content fingerprint (see
#: ``source_fingerprint``) is recorded in the package meta too.
PIPELINE_VERSION = "1.5.0"
#: Longest sentence the context rules read as one (``clonus_long_sentences``).
MAX_SENTENCE_TOKENS = 120


def pipeline_sources() -> list[Path]:
    """Files whose content defines the pipeline (code and data)."""
    code = sorted((paths.ROOT / "bot" / "nlp").glob("*.py"))
    return [*code, *rule_files()]


def source_fingerprint() -> str:
    """A short hash of every file that defines the pipeline."""
    digest = hashlib.sha256()
    for path in pipeline_sources():
        digest.update(path.relative_to(paths.ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def concept_vocabulary(concepts: Dict[str, List[str]]) -> List[str]:
    """Every word the concept phrases use (targets of the fuzzy spelling check)."""
    words = set()
    for phrases in concepts.values():
        for phrase in phrases:
            words.update(w for w in phrase_words(phrase) if w != GAP and w.isalpha())
    return sorted(words)


#: Endings of a negated contraction, longest first ("cudn't", "doesnot", "cudnt").
_NEGATION_ENDINGS = ("n't", "not", "nt")


def split_negated_contractions(nlp: Language, words: Dict[str, str]) -> None:
    """Tokenizer special cases for misspelt or glued negated contractions (``negated_contractions``
    of ``knowledge/red_flags.yml``): "cudnt" becomes "cud" (norm "could") + "nt" (norm "not"), as
    spaCy already does for "couldnt", so that the patterns' "could not" and the negation rules
    read it. Added once at build time (saved with the tokenizer)."""
    for word, auxiliary in words.items():
        word = str(word).lower()
        ending = next((e for e in _NEGATION_ENDINGS if word.endswith(e) and len(word) > len(e)), None)
        if ending is None:
            raise ValueError(f"negated_contractions: {word!r} does not end in one of {_NEGATION_ENDINGS}")
        cut = len(word) - len(ending)
        for variant in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(  # type: ignore[union-attr]
                variant, [{ORTH: variant[:cut], NORM: str(auxiliary)}, {ORTH: variant[cut:], NORM: "not"}])


def build_pipeline() -> Language:
    """Blank English + normalizer, sentencizer, concept rules and context rules."""
    # the English rules with their Hindi supplements (bot/knowledge/rule_files.py)
    red_flags = red_flag_data()
    context = context_data()
    concepts: Dict[str, List[str]] = red_flags["concepts"]

    nlp = spacy.blank("en")
    split_negated_contractions(nlp, red_flags.get("negated_contractions") or {})
    nlp.add_pipe(
        "clonus_normalizer",
        config={
            "spelling": {str(k): str(v) for k, v in red_flags.get("spelling", {}).items()},
            "vocabulary": concept_vocabulary(concepts),
            "protected": [str(w) for w in red_flags.get("protected_words", [])],
        },
    )
    nlp.add_pipe("sentencizer")
    # run-on sentences cut at MAX_SENTENCE_TOKENS: the context rules' cost per concept grows
    # with its sentence's length (a 20,000-character message with no full stop took ~27 s)
    nlp.add_pipe("clonus_long_sentences", config={"max_tokens": MAX_SENTENCE_TOKENS})
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})

    patterns = ruler_patterns(concepts, components.phrase_norms(nlp))
    invalid = [(p["label"], error) for p in patterns for error in validate_token_pattern(p["pattern"])]
    if invalid:  # checked once here: the ruler and its sharded matchers do not validate on load
        raise ValueError(f"invalid token patterns: {invalid[:5]}")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.add_pipe("clonus_context", config={"rules": context})
    nlp.meta["name"] = PIPELINE_NAME
    nlp.meta["version"] = PIPELINE_VERSION
    nlp.meta["description"] = (
        "Project-built pipeline of the clonus information assistant: blank English "
        "tokenizer, spelling normalizer, sentencizer, red-flag concept rules and "
        "ConText-style negation/hypothetical/informational/historical status."
    )
    nlp.meta["author"] = "clonus assistant maintainers"
    nlp.meta["license"] = "MIT"
    nlp.meta["clonus_fingerprint"] = source_fingerprint()
    return nlp
