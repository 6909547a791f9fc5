"""What to watch for, told as a list, and no sign of it (session 19, issue 14, rf31b; rules in
``knowledge/context_rules.yml``, ``informational.source_lists`` and ``informational.course_dates``):

- ``denies_list``: a sentence that points back at a list to say nobody has it ("I don't have any of
  those", "Dad has none of them") puts the list on nobody;
- ``says_well``: a sentence told now only to say the person is fine again ("He's home now and fine"): its "now"
  does not anchor someone else's past story (``story.others``);
- ``course_dated``: a date right after a course, a class or a lesson ("in our first aid course today") dates
  the course, not a sign;
- ``had_one_undenied`` / ``source_then_had`` (session 20, rf32c): "the leaflet lists seizures and she's just had one"
  puts the source's sign on someone.

``reading`` is ``bot.nlp.context._Reading`` (the doc's filtered triggers).
"""

from __future__ import annotations

from typing import Any, FrozenSet, Sequence

from bot.nlp.spans import TokenSpan
from bot.nlp.spans import within as _within

#: words that deny, and how far before the word pointing back they may stand ("I don't have any of those")
_DENIALS = frozenset({"not", "no", "none", "never", "neither", "nor", "nothing"})
_DENIAL_REACH = 4
#: words that turn a denial into a part of the story ("none of those except the sweating", "not those but ...")
_CONTRAST = frozenset({"but", "except", "apart", "besides", "only", "although", "though", "until", "till", "however",
                       "started", "starting", "begun", "began", "again", "another", "more", "worse"})


def denies_list(reading: Any, sent: TokenSpan, back_words: FrozenSet[str], anchored: bool) -> bool:
    """Session 19 (issue 14, rf31b): the sentence ``sent`` says nobody has the list: a denial at most four words
    before each of its words pointing back ("I don't have any of those", "he has none of them", "none of these apply
    to me"), no word of contrast or a new start ("none of those except the shivering", "not those but now ...") and
    not ``anchored`` (a word of now, onset or return or a recent date in it: "didn't have any of them yesterday,
    today he has all three")."""
    if anchored:
        return False
    doc = reading.doc
    words = [doc[i].norm_ for i in range(*sent)]
    contrast = [i for i in range(*sent) if doc[i].norm_ in _CONTRAST or doc[i].lower_ in _CONTRAST]
    if contrast and not _asks_after(reading, contrast[0], sent):
        return False
    backs = [k for k, i in enumerate(range(*sent)) if doc[i].lower_ in back_words]
    return bool(backs) and all(any(w in _DENIALS for w in words[max(0, k - _DENIAL_REACH):k + 1]) for k in backs)


def _asks_after(reading: Any, contrast: int, sent: TokenSpan) -> bool:
    """Session 19 (issue 14, rf31b): the words after the contrast word ``contrast`` ask something else ("I don't have
    any of these, but should I worry about my clonus?"): a question opener right after it, a question mark at the end
    of the sentence and no other contrast word ("but is it bad that I'm shivering" asks; "but I'm shivering, is
    that bad?" tells)."""
    doc = reading.doc
    last = sent[1] - 1
    while last > sent[0] and doc[last].is_space:
        last -= 1
    nxt = contrast + 1
    return (nxt < sent[1] and doc[nxt].lower_ in reading.rules.question_openers and doc[last].text == "?"
            and not any(doc[i].lower_ in _CONTRAST for i in range(nxt, sent[1])))


def course_dated(reading: Any, span: TokenSpan) -> bool:
    """Session 19 (issue 14, rf31b): ``span`` (a word of now or a recent date) lies inside a date of a course, a
    class or a lesson ("on our first aid course this morning"): it dates the course, not a sign
    (``informational.course_dates``)."""
    return any(_within(span, t) for t in reading.found["course_date"])


#: session 19 (issue 14, rf31b): a sign of the course had by someone ("and my colleague had one in the session")
_HAVING = frozenset({"had", "has", "have", "having", "got", "getting", "suffered", "suffering"})
_BACK = frozenset({"one", "it", "them", "those", "these", "that", "this"})


def had_one(reading: Any, scope: TokenSpan) -> bool:
    """Session 19 (issue 14, rf31b): ``scope`` tells of someone having the thing named ("my colleague had one in the
    session", "he's got it now"): a word pointing back right after a verb of having."""
    doc = reading.doc
    return any(doc[i].lower_ in _BACK and (doc[i - 1].lower_ in _HAVING or doc[i - 1].norm_ in _HAVING)
               for i in range(max(scope[0], 1), scope[1]))


def had_one_undenied(reading: Any, scope: TokenSpan) -> bool:
    """Session 20 (issue 14, rf32c): ``scope`` tells of someone having the thing a list named ("the leaflet lists
    seizures and she's just had one", "he's got it now"): a word pointing back right after a verb of having
    (``had_one``), with a person and no denial in the four words before the verb in its sentence ("she hasn't had
    one", "never had it" and a bare "Got it." are none)."""
    doc = reading.doc
    for i in range(max(scope[0], 1), scope[1]):
        if doc[i].lower_ in _BACK and (doc[i - 1].lower_ in _HAVING or doc[i - 1].norm_ in _HAVING):
            start = max(scope[0], doc[i].sent.start, i - 1 - _DENIAL_REACH)
            before = {doc[j].lower_ for j in range(start, i - 1)} | {doc[j].norm_ for j in range(start, i - 1)}
            # (a person right before the verb: "Got it." or "I get it" tell nobody having it)
            if before & _HOLDERS and not before & (_DENIALS | {"n't"}):
                return True
    return False


#: session 20 (issue 14, rf32c): a written or told source that names a sign (the opening word of an exclusion phrase,
#: "the leaflet lists seizures", ``exclusions`` in knowledge/context_rules.yml)
_SOURCES = frozenset({"book", "novel", "article", "leaflet", "website", "film", "programme", "program", "chapter",
                      "textbook", "documentary", "podcast", "lecture", "video", "series", "play", "character"})
#: session 20 (issue 14, rf32c): words that name the person who had it ("she's just had one")
_HOLDERS = frozenset({"i", "he", "she", "we", "they", "my", "his", "her", "our", "their", "mum", "mom", "dad",
                      "son", "daughter", "husband", "wife", "baby", "child", "partner"})


def source_then_had(reading: Any, phrase: TokenSpan) -> bool:
    """Session 20 (issue 14, rf32c): the phrase ``phrase`` names a sign in a written or told source ("the leaflet
    lists seizures") and the message goes on to put it on someone ("and she's just had one", ``had_one_undenied``
    with a person named after the phrase): the sign is no longer only the source's."""
    doc = reading.doc
    if doc[phrase[0]].lower_ not in _SOURCES:
        return False
    rest = (phrase[1], len(doc))
    return had_one_undenied(reading, rest) and any(doc[i].lower_ in _HOLDERS for i in range(*rest))


def anchored_beyond_course(reading: Any, scope: TokenSpan, anchors: Sequence[str], dated: Sequence[str],
                           exempt: bool = True) -> bool:
    """Session 19 (issue 14, rf31b): ``scope`` holds a word of one of the ``anchors`` categories or an entity of
    one of the ``dated`` labels that does not date a course (``course_dated``; only when ``exempt``): "in our first
    aid course today" is no anchor, "on the course today, and now he can't speak" is one ("now")."""
    spans = [t for c in anchors for t in reading.found[c]] + [s for label in dated for s in reading.entity_spans_of(label)]
    return any(_within(s, scope) and not (exempt and course_dated(reading, s)) for s in spans)


#: session 19 (issue 14, rf31b): words that say someone is well, and the entities a sentence saying so may hold
_WELL = frozenset({"fine", "ok", "okay", "normal", "alright", "better", "recovered", "recovering", "himself", "herself"})
_HARMLESS = frozenset({"CHILD", "BODY_PART", "USUAL_SELF"})


def says_well(reading: Any, sent: TokenSpan) -> bool:
    """Session 19 (issue 14, rf31b): the sentence ``sent`` only says someone is well ("He's home now and fine",
    "she's back to normal now"): a word of being well, no denial, no contrast, no word of onset or return and no
    sign of its own ("fine now but his face is drooping", "not fine now", "now he's fitting again" are no such
    sentence)."""
    doc = reading.doc
    words = {doc[i].norm_ for i in range(*sent)} | {doc[i].lower_ for i in range(*sent)}
    if not words & _WELL or words & (_DENIALS | _CONTRAST):
        return False
    if any(reading.any_in(c, sent) for c in ("onset", "recurrence", "manner")):
        return False
    return not any(_within((e.start, e.end), sent) and e.label_ not in _HARMLESS for e in doc.ents)
