"""spaCy components of the project pipeline (registered when this module is imported;
``spacy package --code`` bundles it so ``spacy.load`` registers them too)."""


import unicodedata
from typing import Any, Dict, List

from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.nlp.context import assign_status, message_reading, reading_of
from bot.nlp.triggers import ContextRules

if not Span.has_extension("status"):
    Span.set_extension("status", default="present")
if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)
#: readings found anywhere in the message (normal function, long-standing, story ...)
if not Doc.has_extension("context_frames"):
    Doc.set_extension("context_frames", default=[])
#: short, told by the person or about someone now, and no such reading
if not Doc.has_extension("current_report"):
    Doc.set_extension("current_report", default=False)
if not Doc.has_extension("recent_anchor"):
    Doc.set_extension("recent_anchor", default=False)


#: Devanagari spelling variants folded away (issue 17): the nukta (ज़ = ज), chandrabindu
#: written as anusvara (मुँह = मुंह), and the zero-width (non-)joiners.
_FOLD = {0x093C: None, 0x0901: 0x0902, 0x200C: None, 0x200D: None}


def fold_devanagari(word: str) -> str:
    """A Devanagari word without the marks people write either way; other words unchanged."""
    if not any("\u0900" <= c <= "\u097f" for c in word):
        return word
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_FOLD))


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance, stopping early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: List[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Normalizer:
    """Fixes common misspellings in ``token.norm_`` (explicit map, then a fuzzy match
    against the vocabulary's own words)."""

    def __init__(self, spelling: Dict[str, str], vocabulary: List[str], protected: List[str]) -> None:
        self.spelling = {fold_devanagari(k.lower()): fold_devanagari(v.lower()) for k, v in spelling.items()}
        self.vocabulary = sorted({w.lower() for w in vocabulary if len(w) >= 6 and w.isalpha()})
        self.protected = {w.lower() for w in protected} | set(self.vocabulary)
        self._cache: Dict[str, str] = {}

    def fix(self, word: str) -> str:
        word = fold_devanagari(word)
        if word in self.spelling:
            return self.spelling[word]
        if len(word) < 6 or not word.isalpha() or word in self.protected:
            return word
        if word in self._cache:
            return self._cache[word]
        limit = 1 if len(word) < 9 else 2
        best, best_distance = word, limit + 1
        for candidate in self.vocabulary:
            if candidate[0] != word[0]:
                continue
            distance = _edit_distance(word, candidate, limit)
            if distance < best_distance:
                best, best_distance = candidate, distance
        self._cache[word] = best
        return best

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            fixed = self.fix(token.norm_)
            if fixed != token.norm_:
                token.norm_ = fixed
        return doc


def make_normalizer(
    nlp: Language, name: str, spelling: Dict[str, str], vocabulary: List[str], protected: List[str]
) -> Normalizer:
    return Normalizer(spelling, vocabulary, protected)


class ContextComponent:
    """Sets ``ent._.status`` (present, negated, hypothetical, informational,
    historical) and ``ent._.trigger`` for every entity, and the message's
    ``doc._.context_frames``, ``doc._.current_report`` and ``doc._.recent_anchor``."""

    def __init__(self, nlp: Language, rules: Dict[str, Any]) -> None:
        norms = None
        if "clonus_normalizer" in nlp.pipe_names:
            normalizer = nlp.get_pipe("clonus_normalizer")

            def norms(text: str) -> List[str]:
                return [normalizer.fix(t.norm_) for t in nlp.make_doc(text.lower())]  # type: ignore[attr-defined]
        self.rules = ContextRules.from_dict(rules, nlp, norms)

    def __call__(self, doc: Doc) -> Doc:
        reading = reading_of(doc, self.rules)
        for ent in doc.ents:
            status, trigger = assign_status(doc, ent, self.rules, reading)
            ent._.status = status
            ent._.trigger = trigger
        doc._.context_frames, doc._.current_report, doc._.recent_anchor = message_reading(doc, self.rules, reading)
        return doc


def make_context(nlp: Language, name: str, rules: Dict[str, Any]) -> ContextComponent:
    return ContextComponent(nlp, rules)


# Registered once, whichever copy of this module is imported first (the project's, or the
# one ``spacy package --code`` bundles into the installed pipeline).
if not Language.has_factory("clonus_normalizer"):
    Language.factory(
        "clonus_normalizer", default_config={"spelling": {}, "vocabulary": [], "protected": []}
    )(make_normalizer)
if not Language.has_factory("clonus_context"):
    Language.factory("clonus_context", default_config={"rules": {}})(make_context)
