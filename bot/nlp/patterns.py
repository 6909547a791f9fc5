"""Compile the red-flag vocabulary's phrase mini-language into spaCy token patterns.

Phrases (``knowledge/red_flags.yml``, ``knowledge/context_rules.yml``): words separated
by spaces; ``(a|b|c)`` one of several (an alternative may have several words, and groups
may nest); ``(a|b)?`` optional; ``*`` a gap of 0-4 tokens; ``#num`` any number ("3",
"ten"); ``#year`` four digits ("2009"); ``#temp`` a body temperature with a decimal, a fever
(38.0-42.9 Celsius or 100.0-106.9 Fahrenheit, one decimal: "39.5", "38,5"; session 17, issue 14, rf29a); ``word~`` any word that starts with ``word``
("लडखडा~": लडखडाना, लडखडाती ...; for Hindi inflections, issue 17). Words are matched on the token's NORM
(lowercase, with contractions expanded by spaCy: "can't" -> "can not", and misspellings
fixed by ``clonus_normalizer``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import Any, Callable, Dict, Iterable, List, Tuple, Union

_TOKEN = re.compile(r"\)\?|[()|*]|[^\s()|*]+")
GAP = "*"
NUMBER = "#num"
YEAR = "#year"
#: session 17 (issue 14, rf29a): a fever reading told with a decimal ("I'm 39.5"): no age, price or count is
#: written so (a whole "39" may be an age)
TEMPERATURE = "#temp"
TEMPERATURE_REGEX = r"^(3[89]|4[012]|10[0-6])[.,]\d$"  # "38,5" too (a decimal comma; lead, merge)
MAX_GAP = 4
PREFIX = "~"
#: A gap never swallows a negation ("his face isn't drooping" is not "face ... drooping"),
#: in English or Hindi, nor crosses punctuation ("can't swallow, food gets stuck": the gap
#: stays in its clause).
GAP_TOKEN: Dict[str, Any] = {"NORM": {"NOT_IN": ["not", "no", "never", "nothing", "without",
                                                 "nahi", "nahin", "nhi", "नहीं", "नही", "बिना", "bina"]},
                             "IS_PUNCT": False, "OP": "?"}


class OneOf(tuple):
    """A group of single plain words, ``(a|b|c)`` or ``(a|b)?``: one token of a set (spaCy's
    ``IN``) instead of one pattern per word, so phrases with several groups do not multiply
    into tens of thousands of patterns (each group multiplies the count by its size)."""

    optional: bool = False


def _one_of(options: List[List[str]], optional: bool) -> "Union[OneOf, None]":
    words = [o[0] for o in options if o]
    plain = all(len(o) == 1 for o in options if o) and all(
        isinstance(w, str) and not isinstance(w, OneOf) and w not in (GAP, NUMBER, YEAR, TEMPERATURE)
        and not w.endswith(PREFIX) for w in words)
    if not plain or not words:
        return None
    group = OneOf(dict.fromkeys(words))
    group.optional = optional
    return group


def _mergeable(item: Any) -> bool:
    """A plain word or a set of them: one token spec (``_one_of``'s words)."""
    if isinstance(item, OneOf):
        return True
    return isinstance(item, str) and item not in (GAP, NUMBER, YEAR, TEMPERATURE) and not item.endswith(PREFIX)


def _item_key(item: Any) -> Any:
    return ("(", frozenset(item), item.optional) if isinstance(item, OneOf) else item


def _merged(items: List[Any]) -> OneOf:
    """One set of every word of ``items`` (words and sets), optional if one of them is."""
    group = OneOf(dict.fromkeys(w for item in items for w in (item if isinstance(item, OneOf) else [item])))
    group.optional = any(isinstance(item, OneOf) and item.optional for item in items)
    return group


def _factor(options: List[List[Any]], optional: bool) -> List[List[Any]]:
    """The options of a group some of whose options are several words, as few sequences as
    possible that match exactly the same: options that differ in one word only become one
    sequence with a set there ("it 's been|it has been" -> "it ('s|has) been"; "a|b" -> "(a|b)"),
    repeatedly, largest merge first, so the group spells out fewer patterns. Exact: ``x (a|b) y``
    is ``x a y`` or ``x b y``, and a word's norm does not depend on its neighbours (the
    tokenizer splits at spaces first); a set holding a several-token word ("cannot") is spelled
    out again by ``to_patterns``. An optional group (``[]`` among its options) makes a
    one-word option optional instead, when it has one."""
    opts: List[Tuple[Any, ...]] = []
    seen = set()
    for option in options:
        key = tuple(_item_key(w) for w in option)
        if key not in seen:
            seen.add(key)
            opts.append(tuple(option))
    while True:
        merges: Dict[Any, List[int]] = {}
        for n, option in enumerate(opts):
            keys = [_item_key(w) for w in option]
            for i, item in enumerate(option):
                if _mergeable(item):
                    merges.setdefault((len(option), i, tuple(keys[:i]), tuple(keys[i + 1:])), []).append(n)
        best = max((m for m in merges.items() if len(m[1]) > 1), key=lambda m: len(m[1]), default=None)
        if best is None:
            break
        (_, i, _, _), members = best
        first = opts[members[0]]
        merged = first[:i] + (_merged([opts[n][i] for n in members]),) + first[i + 1:]
        opts = [merged if n == members[0] else o for n, o in enumerate(opts) if n == members[0] or n not in members]
    out = [list(o) for o in opts]
    if optional:
        single = next((o for o in out if len(o) == 1 and _mergeable(o[0])), None)
        if single is not None:
            single[0] = _merged([single[0]])  # a new set: sets are shared between variants
            single[0].optional = True
        else:
            out.append([])
    return out


def _sequence(tokens: List[str], i: int) -> Tuple[List[List[Any]], int]:
    """Variants of the sequence starting at ``tokens[i]``, up to ``|`` or ``)``."""
    variants: List[List[Any]] = [[]]
    while i < len(tokens) and tokens[i] not in ("|", ")", ")?"):
        if tokens[i] == "(":
            options, i, optional = _group(tokens, i + 1)
            group = _one_of(options, optional)
            if group is not None:
                variants = [v + [group] for v in variants]
            else:  # some options are several words: factored on shared words, then spelled out
                variants = [v + o for v in variants for o in _factor(options, optional)]
        else:
            variants = [v + [tokens[i]] for v in variants]
            i += 1
    return variants, i


def _group(tokens: List[str], i: int) -> Tuple[List[List[Any]], int, bool]:
    """Variants of ``(a|b c|(d|e) f)`` or ``(...)?`` whose ``(`` was just read, and whether
    the group is optional."""
    options: List[List[Any]] = []
    while True:
        variants, i = _sequence(tokens, i)
        options.extend(variants)
        if i >= len(tokens):
            raise ValueError(f"unclosed group in {' '.join(tokens)!r}")
        if tokens[i] == "|":
            i += 1
            continue
        return options, i + 1, tokens[i] == ")?"


def _compact(phrase: str) -> List[List[Any]]:
    """Variants of a phrase as lists of words and ``OneOf`` groups (``*`` kept as a gap
    marker). Groups may nest: ``(a|b (c|d))``."""
    tokens = _TOKEN.findall(phrase.strip().lower())
    variants, i = _sequence(tokens, 0)
    if i != len(tokens):
        raise ValueError(f"unbalanced ')' in {phrase!r}")
    out, seen = [], set()
    for words in variants:
        key = tuple((tuple(w), w.optional) if isinstance(w, OneOf) else w for w in words)
        if words and key not in seen:
            seen.add(key)
            out.append(words)
    return out


def expand(phrase: str) -> List[List[str]]:
    """All plain variants of a phrase, as lists of words (``*`` kept as a gap marker)."""
    out, seen = [], set()
    for words in _compact(phrase):
        choices = [(list(w) + ([""] if w.optional else [])) if isinstance(w, OneOf) else [w] for w in words]
        for combo in product(*choices):
            variant = [w for w in combo if w]
            if variant and tuple(variant) not in seen:
                seen.add(tuple(variant))
                out.append(variant)
    return out


def to_patterns(
    phrase: str, norms: Callable[[str], List[str]]
) -> List[List[Dict[str, Any]]]:
    """Token patterns for a phrase; ``norms`` turns text into the tokenizer's norms."""
    patterns = []
    for words in _compact(phrase):
        pattern: List[Dict[str, Any]] = []
        chunk: List[str] = []

        def flush() -> None:
            if chunk:
                pattern.extend({"NORM": n} for n in norms(" ".join(chunk)))
                chunk.clear()

        split = next((n for n, w in enumerate(words) if isinstance(w, OneOf)
                      and any(len(norms(x)) != 1 for x in w)), None)
        if split is not None:  # a word of the group is several tokens ("cannot"): spell it
            # out, and keep its one-token words together as one set (spelling out every word
            # multiplied a phrase with several groups into thousands of patterns)
            group = words[split]
            singles = [w for w in group if len(norms(w)) == 1]
            alternatives: List[List[Any]] = [[w] for w in group if len(norms(w)) != 1]
            if singles:
                kept = OneOf(dict.fromkeys(singles))
                kept.optional = group.optional
                alternatives.insert(0, [kept])
            elif group.optional:
                alternatives.insert(0, [])
            for option in alternatives:
                rest = words[:split] + option + words[split + 1:]
                for pattern in to_patterns(_unparse(rest), norms):
                    if pattern not in patterns:
                        patterns.append(pattern)
            continue
        for word in words:
            if isinstance(word, OneOf):
                flush()
                token: Dict[str, Any] = {"NORM": {"IN": sorted({norms(w)[0] for w in word})}}
                if word.optional:
                    token["OP"] = "?"
                pattern.append(token)
            elif word == GAP:
                flush()
                pattern.extend(dict(GAP_TOKEN) for _ in range(MAX_GAP))
            elif word == NUMBER:
                flush()
                pattern.append({"LIKE_NUM": True})
            elif word == YEAR:
                flush()
                pattern.append({"SHAPE": "dddd"})
            elif word == TEMPERATURE:
                flush()
                pattern.append({"NORM": {"REGEX": TEMPERATURE_REGEX}})
            elif word.endswith(PREFIX) and len(word) > 3:
                flush()
                stem = norms(word[:-1])
                if len(stem) != 1:
                    raise ValueError(f"a prefix must be one word: {word!r} in {phrase!r}")
                pattern.append({"NORM": {"REGEX": "^" + re.escape(stem[0])}})
            else:
                chunk.append(word)
        flush()
        while pattern and pattern[-1] == GAP_TOKEN:
            pattern.pop()
        while pattern and pattern[0] == GAP_TOKEN:
            pattern.pop(0)
        if pattern and pattern not in patterns:
            patterns.append(pattern)
    return patterns


def cached_norms(norms: Callable[[str], List[str]]) -> Callable[[str], List[str]]:
    """``norms`` computed once per text: the same words recur in thousands of phrases (1.5
    million calls when the context rules were compiled at load)."""
    cached = lru_cache(maxsize=None)(lambda text: tuple(norms(text)))
    return lambda text: list(cached(text))


def phrase_words(phrase: str) -> List[str]:
    """Every word a phrase uses (without spelling out its variants)."""
    words: Dict[str, None] = {}
    for variant in _compact(phrase):
        for w in variant:
            words.update(dict.fromkeys(w) if isinstance(w, OneOf) else {w: None})
    return list(words)


def _unparse(words: List[Any]) -> str:
    """A compact variant back in the phrase language (for a group spelled out)."""
    parts = []
    for w in words:
        if isinstance(w, OneOf):
            parts.append("(" + "|".join(w) + (")?" if w.optional else ")"))
        else:
            parts.append(w)
    return " ".join(parts)


def ruler_patterns(
    concepts: Dict[str, Iterable[str]], norms: Callable[[str], List[str]]
) -> List[Dict[str, Any]]:
    """EntityRuler patterns for every concept (label) and phrase."""
    out: List[Dict[str, Any]] = []
    seen = set()
    for label, phrases in concepts.items():
        for phrase in phrases:
            for pattern in to_patterns(phrase, norms):
                key = (label, repr(pattern))
                if key not in seen:
                    seen.add(key)
                    out.append({"label": label, "pattern": pattern, "id": label})
    return out
