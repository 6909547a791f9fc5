"""Finding the place named in a message: :func:`extract_place` (every message), and the
message-level parsing that ``resolve`` shares.

Exact, case-insensitive gazetteer and alias matches only, and conservative. A city, state
or country counts when it is the whole message ("Pune", "near Kothrud, Pune", "I'm in
Pune", "the US one"), when it follows a place word with a capital ("in Pune", "from
Chicago IL"), in any case after a statement of where someone is ("we live in pune", "near
pune", "I meant pune"; not "the weather in pune"), or with a qualifier ("Reading, UK"). A
name that is also a common word ("Nice", "Mobile", "Bath", "Split", "Reading") needs a
qualifier, or a capital after a place word ("I live in Reading"); seasons, festivals,
continents and institutions ("in Spring", "at University") always need a qualifier.
Neighbourhoods the gazetteer does not know ("Kothrud") count only before a city:
capitalised, or in lower case before a comma. ``resolve`` is more lenient: a capitalised
place anywhere in the reply counts.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional, Sequence, Tuple

from bot.places.lookups import _country
from bot.places.models import _MAX_SPAN, LOWERCASE_MIN_POPULATION, MAX_CHARS, PlaceMention
from bot.places.readings import _Hit, _parse
from bot.places.tables import _tables
from bot.places.tokens import _Tok, _tokens
from bot.places.words import (
    _CUES,
    _LEAD,
    _NEVER_ALONE,
    _SENTENCE_END,
    _STATEMENT_WORDS,
    _STOPWORDS,
    _STRONG_CUES,
    _SUBDIVISIONS,
    _TO_VERBS,
    _TRAIL,
)


class _Mode(NamedTuple):
    whole: bool = False   # the phrase is the whole message (after "I'm in", before "please")
    cued: bool = False    # a place word ("in", "near", "from", "I meant") came just before
    answer: bool = False  # the message answers "Where are you?" (resolve)
    statement: bool = False  # ... and it states where someone is ("I'm in", "near")


def _acceptable(hit: _Hit, mode: _Mode) -> bool:
    """Guards against ordinary words that are also place names."""
    if hit.quals:
        return True
    if hit.key in _NEVER_ALONE:
        return False
    if hit.head_common:  # "Nice", "Reading", "Split": capitalised, after "in" / as an answer
        return hit.head_cap and (mode.cued or mode.answer)
    if hit.head_cap:
        return True
    # in lower case: a whole answer ("pune"), or after a statement ("I'm in pune", "near
    # pune"), but not after any preposition ("the weather in pune")
    big = hit.kind != "city" or hit.head_pop >= LOWERCASE_MIN_POPULATION
    if mode.whole:
        return big or hit.primary
    return mode.statement and big


#: Small words that may stand inside a place name ("Isle of Man", "Jammu and Kashmir").
_NAME_WORDS = frozenset("in of and the de da do du des la le el al upon on y e".split())


def _longest(toks: Sequence[_Tok], i: int, limit: int, mode: _Mode,
             allow_comma: bool = True) -> Optional[_Hit]:
    """The longest acceptable place phrase that starts at toks[i]."""
    t = toks[i]
    if not t.word or t.norm in _STOPWORDS and t.norm != "the" or (
            t.norm not in _tables().first_words and not t.cap):
        return None
    stop = i + 1
    while stop < min(limit, i + _MAX_SPAN):
        nxt = toks[stop]
        if nxt.norm in _SENTENCE_END or (nxt.norm == "," and not allow_comma) or (
                nxt.word and nxt.norm in _STOPWORDS and nxt.norm not in _NAME_WORDS):
            break
        stop += 1
    for j in range(stop, i, -1):
        if not toks[j - 1].word:
            continue
        final = j >= limit or not toks[j].word
        hit = _parse(toks, i, j, final)
        if hit and _acceptable(hit, mode):
            return hit
    return None


# ------------------------------------------------------------------------ messages


class _Core(NamedTuple):
    start: int   # first token of the place answer, after "sorry, I'm in" ...
    end: int     # after its last token, before "please" ...
    cued: bool   # a place word ("in", "near", "meant" ...) came just before it


def _is_statement(toks: Sequence[_Tok], i: int) -> bool:
    """toks[i] is a cue that states where someone is, so a lower-case place may follow:
    "near pune", "I'm in pune", "we live in pune" (not "the weather in pune")."""
    norm = toks[i].norm
    return norm in _STRONG_CUES or (i > 0 and toks[i - 1].norm in _STATEMENT_WORDS)


def _is_cue(toks: Sequence[_Tok], i: int) -> bool:
    """toks[i] makes the next word a place: "in", "near", "meant", "moved to", "out of" ..."""
    norm = toks[i].norm
    if norm == "of":
        return i > 0 and toks[i - 1].norm == "out"
    return norm in _CUES and (norm != "to" or (i > 0 and toks[i - 1].norm in _TO_VERBS))


def _core(toks: Sequence[_Tok]) -> _Core:
    """Strip what may surround a place answer: "no, I'm in ... please", "not Pune, ..."."""
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.norm == "not" and i + 1 < n:
            hit = _longest(toks, i + 1, n, _Mode(whole=True), allow_comma=False)
            if hit is not None:  # "not Pune, Nashik"
                i = hit.j
                continue
        if t.norm in _LEAD or (not t.word and t.norm in ",-:") or (
                t.norm == "the" and i + 1 < n and toks[i + 1].norm in _LEAD):
            i += 1
            continue
        break
    end = n
    while end > i and (toks[end - 1].norm in _TRAIL or not toks[end - 1].word):
        end -= 1
    if end - i > 2 and toks[end - 1].text.isdigit() and toks[end - 2].norm in _SUBDIVISIONS:
        end -= 2  # "Noida sector 62"
    last_word = next((k for k in range(i - 1, -1, -1) if toks[k].word), None)
    return _Core(i, end, last_word is not None and _is_cue(toks, last_word))


def _tail_ok(toks: Sequence[_Tok], j: int, end: int) -> bool:
    """After the place only "not <place>" may follow ("it's London not Manchester")."""
    k = j + 1 if j < end and toks[j].norm == "," else j
    if k + 1 < end and toks[k].norm in ("not", "but"):
        hit = _longest(toks, k + 1, end, _Mode(whole=True))
        return hit is not None and hit.j >= end
    return False


def _whole(toks: Sequence[_Tok], core: _Core, answer: bool = False) -> Optional[_Hit]:
    """The place when the core of the message is nothing but one."""
    if core.start >= core.end:
        return None
    mode = _Mode(whole=True, cued=core.cued, answer=answer)
    hit = _parse(toks, core.start, core.end, True)
    if hit and _acceptable(hit, mode):
        return hit
    if any(t.norm in ("not", "but") for t in toks[core.start:core.end]):
        hit = _longest(toks, core.start, core.end, mode)
        if hit and hit.j < core.end and _tail_ok(toks, hit.j, core.end):
            return hit
    return None


def _scan_all(toks: Sequence[_Tok], lenient: bool) -> List[_Hit]:
    """The places after a place word ("in Pune", "near Kothrud, Pune"), in order; with
    ``lenient`` (resolve), then the capitalised places anywhere."""
    n, hits = len(toks), []
    for i in range(1, n):
        if _is_cue(toks, i - 1) and not (i > 1 and toks[i - 2].norm == "not"):
            hit = _longest(toks, i, n, _Mode(cued=True, statement=_is_statement(toks, i - 1)))
            if hit is not None:
                hits.append(hit)
    if lenient:
        for i in range(n):
            if not (i and toks[i - 1].norm == "not"):
                hit = _longest(toks, i, n, _Mode())
                if hit is not None:
                    hits.append(hit)
    return hits


def extract_place(text: str) -> Optional[PlaceMention]:
    """The place named in a message, or None: exact gazetteer / alias matches only (see
    the module docstring for when a name counts). ``whole_message`` when the message is
    nothing but the place, after "I'm in", "near", "sorry," ... and before "please"."""
    text = (text or "")[:MAX_CHARS]
    toks = _tokens(text)
    if not toks:
        return None
    hit = _whole(toks, _core(toks))
    whole = hit is not None
    if hit is None:
        hit = _best(_scan_all(toks, lenient=False))
    if hit is None:
        return None
    start, end = _span(toks, hit)
    return PlaceMention(text[start:end], start, end, whole)


def _best(hits: Sequence[_Hit]) -> Optional[_Hit]:
    """The most specific of the places found: the first city, else the first place."""
    return next((h for h in hits if h.kind in ("city", "typed")), hits[0] if hits else None)


def _span(toks: Sequence[_Tok], hit: _Hit) -> Tuple[int, int]:
    """Character offsets of a place phrase, without a leading "the" ("the UK" -> "UK")."""
    i = hit.i
    if toks[i].norm == "the" and hit.kind == "country" and i + 1 < hit.j and \
            _country(toks, i + 1, hit.j):
        i += 1
    last = hit.j
    while last > i + 1 and not toks[last - 1].word:
        last -= 1
    return toks[i].start, toks[last - 1].end
