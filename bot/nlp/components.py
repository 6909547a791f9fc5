"""spaCy components of the project pipeline (registered when this module is imported;
``spacy package --code`` bundles it so ``spacy.load`` registers them too)."""


import unicodedata
from typing import Any, Callable, Dict, List

from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.nlp.clauses import ruler_matcher, split_at_new_clause
from bot.nlp.context import assign_status, message_reading, reading_of
from bot.nlp.counts import add_rising_counts
from bot.nlp.episodes import dated_elsewhere
from bot.nlp.patterns import cached_norms
from bot.nlp.recovery import recovered_since
from bot.nlp.referred import add_referred_events
from bot.nlp.triggers import ContextRules

if not Span.has_extension("status"):
    Span.set_extension("status", default="present")
if not Span.has_extension("trigger"):
    Span.set_extension("trigger", default=None)
# session 9 (issue 14, rf7): a historical concept whose trigger tells that it went away ("the
# jerks stopped after ...") counts for no sign's ``also_past`` (bot.knowledge.red_flags)
if not Span.has_extension("resolved"):
    Span.set_extension("resolved", default=False)
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


def phrase_norms(nlp: Language) -> Callable[[str], List[str]]:
    """The norms a phrase's words get in the pipeline (tokenizer, then the spelling
    normalizer), cached: for compiling the rule phrases into token patterns."""
    normalizer = nlp.get_pipe("clonus_normalizer")
    return cached_norms(lambda text: [normalizer.fix(t.norm_) for t in nlp.make_doc(text.lower())])  # type: ignore[attr-defined]


class ContextComponent:
    """Sets ``ent._.status`` (present, negated, hypothetical, informational,
    historical) and ``ent._.trigger`` for every entity, and the message's
    ``doc._.context_frames``, ``doc._.current_report`` and ``doc._.recent_anchor``."""

    def __init__(self, nlp: Language, rules: Dict[str, Any]) -> None:
        norms = phrase_norms(nlp) if "clonus_normalizer" in nlp.pipe_names else None
        self.rules = ContextRules.from_dict(rules, nlp, norms)
        self.clause_split: Dict[str, Any] = dict(rules.get("clause_split") or {})
        self.nlp = nlp
        #: the entity ruler's matcher, looked up once on the first message (the ruler may be added after this
        #: component is made); False until then
        self._ruler: Any = False

    def __call__(self, doc: Doc) -> Doc:
        # session 19 (issue 14, rf31a): a concept phrase run on over "and they ..." is read per clause
        if self.clause_split:
            if self._ruler is False:
                self._ruler = ruler_matcher(self.nlp)
            if self._ruler is not None:
                split_at_new_clause(doc, self.clause_split, *self._ruler)
        # session 18 (issue 14, lead): "twice a day last week, now ten" is a worsening
        add_rising_counts(doc, self.rules)
        # session 19 (issue 14, lead): "what are the signs of a stroke? I think I'm having one"
        add_referred_events(doc, self.rules)
        reading = reading_of(doc, self.rules)
        went_away = {doc[s:e].text for c in ("resolved", "resolved_ref") for s, e in reading.found[c]}
        for ent in doc.ents:
            status, trigger = assign_status(doc, ent, self.rules, reading)
            ent._.status = status
            ent._.trigger = trigger
            ent._.resolved = status == "historical" and trigger in went_away
        # session 12 (issue 14, rf16): a past episode dated in another sentence or clause
        dated_elsewhere(doc, reading)
        # session 11 (issue 14, rf14): "he's been himself since" after the event
        recovered_since(doc, reading)
        doc._.context_frames, doc._.current_report, doc._.recent_anchor = message_reading(doc, self.rules, reading)
        return doc


def make_context(nlp: Language, name: str, rules: Dict[str, Any]) -> ContextComponent:
    return ContextComponent(nlp, rules)


#: Words and marks after which a run-on sentence is best cut (a new sentence starts after a
#: comma, or at the conjunction itself).
_CUT_AFTER = frozenset({",", ";", ":", "-", "–", "—", "।"})
_CUT_AT = frozenset({"and", "but", "so", "then", "also", "aur", "lekin", "और", "लेकिन"})


class LongSentenceSplitter:
    """Cuts a sentence longer than ``max_tokens`` into parts of at most that length.

    The context rules read each concept within its sentence, so their cost grows with the
    sentence's length for every concept in it: a message of thousands of words with no full
    stop (20,000 characters are scanned for red flags, ``bot.constants.MAX_SCAN_CHARS``)
    took about 27 s of CPU in one turn. No message people write has a sentence near the limit
    (the longest in every test and training set is under 50 tokens), so real messages read
    exactly as before. A cut comes after a comma or at a conjunction in the second half of
    the part when there is one, else at the limit; a cut only narrows the scope of a
    negation or a past frame, so a sign it separates from them counts as present."""

    def __init__(self, max_tokens: int) -> None:
        if max_tokens < 2:
            raise ValueError("max_tokens must be at least 2")
        self.max_tokens = max_tokens

    def _cut(self, doc: Doc, start: int, limit: int) -> int:
        for i in range(limit - 1, start + self.max_tokens // 2, -1):
            if doc[i].lower_ in _CUT_AT or doc[i - 1].text in _CUT_AFTER:
                return i
        return limit

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) <= self.max_tokens:
            return doc
        for sent in list(doc.sents):
            start = sent.start
            while sent.end - start > self.max_tokens:
                cut = self._cut(doc, start, start + self.max_tokens)
                doc[cut].is_sent_start = True
                start = cut
        return doc


def make_long_sentence_splitter(nlp: Language, name: str, max_tokens: int) -> LongSentenceSplitter:
    return LongSentenceSplitter(max_tokens)


# Registered once, whichever copy of this module is imported first (the project's, or the
# one ``spacy package --code`` bundles into the installed pipeline).
if not Language.has_factory("clonus_normalizer"):
    Language.factory(
        "clonus_normalizer", default_config={"spelling": {}, "vocabulary": [], "protected": []}
    )(make_normalizer)
if not Language.has_factory("clonus_long_sentences"):
    Language.factory("clonus_long_sentences", default_config={"max_tokens": 120})(make_long_sentence_splitter)
if not Language.has_factory("clonus_context"):
    Language.factory("clonus_context", default_config={"rules": {}})(make_context)
