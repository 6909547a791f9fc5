"""Which language and script a message is written in: English, Hindi in Devanagari,
romanised Hindi ("Hinglish") or a mix (issue 17, item 1).

Devanagari is recognised by its Unicode block; romanised Hindi by the word list in
``knowledge/languages.yml`` (frequent Hindi function and health words with their spelling
variants). A channel's explicit choice (the widget's ``language`` custom data, a button)
overrides the detection: see ``chosen``. The list is read once, at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot import paths
from bot.knowledge.files import read_yaml

#: Labels of the ``language`` slot.
ENGLISH = "en"
HINDI = "hi"  # Devanagari
HINGLISH = "hi-latn"  # Hindi in Latin letters
MIXED = "mixed"  # Hindi (either script) with English sentences
LABELS = (ENGLISH, HINDI, HINGLISH, MIXED)

#: What a user may ask for or a channel may send, mapped to a label.
_CHOICES = {
    "en": ENGLISH, "english": ENGLISH,
    "hi": HINDI, "hindi": HINDI, "हिंदी": HINDI, "हिन्दी": HINDI,
    "hi-latn": HINGLISH, "hinglish": HINGLISH,
}

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class WordLists:
    strong: frozenset[str]
    weak: frozenset[str]
    english: frozenset[str]
    hindi_words: int
    english_words: int


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """``knowledge/languages.yml``, read once."""
    data = read_yaml(paths.KNOWLEDGE / "languages.yml")
    hindi = data["romanised_hindi"]
    thresholds = data["thresholds"]
    return WordLists(
        strong=frozenset(w.lower() for w in hindi["strong"]),
        weak=frozenset(w.lower() for w in hindi["weak"]),
        english=frozenset(w.lower() for w in data["english_function_words"]),
        hindi_words=int(thresholds["hindi_words"]),
        english_words=int(thresholds["english_words"]),
    )


def detect(text: str, lists: WordLists | None = None) -> str:
    """The label (``ENGLISH``, ``HINDI``, ``HINGLISH`` or ``MIXED``) of one message."""
    lists = lists or word_lists()
    latin = [w.lower() for w in _LATIN_WORD.findall(text)]
    english = sum(1 for w in latin if w in lists.english)
    if _DEVANAGARI.search(text):
        # Devanagari with a few English terms ("clonus", "MS") is Hindi; with English
        # sentences it is mixed.
        return MIXED if english >= lists.english_words else HINDI
    strong = sum(1 for w in latin if w in lists.strong)
    weak = sum(1 for w in latin if w in lists.weak)
    hindi = strong + weak if strong else 0
    if hindi < lists.hindi_words:
        return ENGLISH
    # Words on both lists ("is", "the") count for Hindi only when Hindi is already clear.
    english_only = sum(1 for w in latin if w in lists.english and w not in lists.weak)
    return MIXED if english_only >= lists.english_words else HINGLISH


def chosen(value: object) -> str | None:
    """The label for an explicit choice (custom data, a locale, a button payload), or None."""
    if not isinstance(value, str):
        return None
    key = value.strip().lower().replace("_", "-")
    if key in _CHOICES:
        return _CHOICES[key]
    return _CHOICES.get(key.split("-")[0])  # a locale such as "en-AU" or "hi-IN"


def answers_in_hindi(label: str) -> bool:
    """Whether answers go out in Hindi: Devanagari, Hinglish and mixed messages get Hindi
    unless the user asked for English."""
    return label in (HINDI, HINGLISH, MIXED)
