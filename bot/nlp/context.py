"""ConText-style status of a matched concept: present, negated, hypothetical,
informational or historical, the way a nurse reads a caller's story. Rules are data
(``knowledge/context_rules.yml``, compiled by ``bot.nlp.triggers``).

Safety bias: every rule needs an explicit trigger in the concept's scope; without one a
concept stays *present* (a false alarm is better than a missed emergency), and time
anchors ("since this morning", "again") keep it present whatever else its clause says.

Besides each concept's status, ``message_reading`` says which readings a message holds
anywhere (normal function, long-standing, someone else's story ...) and whether it reads
like a current report (short, told by the person or about someone now, no such reading).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span

from bot.nlp.conditions import if_list
from bot.nlp.courses import dated_earlier
from bot.nlp.denial_lists import (
    asked_list,
    crosses_clause,
    denial_list,
    in_word_hyphen,
    negation,
    terminated,
)
from bot.nlp.everyday import bound_to_cause, undenied_cause
from bot.nlp.frames import dose_changed_lately, frame_broken, real_event, undenied
from bot.nlp.mentions import comparison, feared, next_sentence_reference, source_list
from bot.nlp.pictures import chronic_picture, liver_picture
from bot.nlp.spans import text_of as _text
from bot.nlp.spans import within as _within
from bot.nlp.stories import is_question, story, words_of
from bot.nlp.triggers import ContextRules, find_triggers
from bot.nlp.watch_lists import source_then_had

PRESENT, NEGATED, HYPOTHETICAL, INFORMATIONAL, HISTORICAL = (
    "present", "negated", "hypothetical", "informational", "historical"
)
#: tokens between a concept and a condition that follows it ("... ho jaye to")
HYP_BACKWARD_WINDOW = 4
NEGATION_WORDS = frozenset({"not", "no", "never", "without", "nothing"})
#: words that open a statement of normal function ending in its concept ("a normal temp")
NORMAL_WORDS = frozenset({"normal", "steady", "fine", "ok", "okay"})
#: categories whose phrase, when it overlaps a time anchor, means the anchor is part of it
#: ("for years now", "is back to normal"): such an anchor does not count
#: concepts that only frame other concepts (knowledge/red_flags.yml, sign recent_onset_jerking)
# (session 17, issue 14, rf29a: and the dates WEEKS_AGO, LATELY, LAST_WEEK: "last month" stays a time marker)
# (session 18, issue 14, rf30a: and USUAL_SELF: "he's his usual self otherwise" holds no trigger words of its own)
FRAME_ONLY = frozenset({"NO_ONSET_FRAME", "WEEKS_AGO", "LATELY", "LAST_WEEK", "USUAL_SELF"})
_DEMOTING = ("time", "resolved", "resolved_ref", "long_standing", "long_standing_ref",
             "followed", "followed_ref", "normal_function", "chronic_state")

TokenSpan = Tuple[int, int]


def _inside(span: TokenSpan, others: List[TokenSpan]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in others)


def _overlaps(span: TokenSpan, others: List[TokenSpan]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _gap(span: TokenSpan, other: TokenSpan) -> int:
    """Tokens between two spans (0 when they touch or overlap)."""
    return max(0, max(span[0], other[0]) - min(span[1], other[1]))


def _is_break(doc: Doc, i: int, rules: ContextRules) -> bool:
    word = doc[i].lower_
    if in_word_hyphen(doc, i):
        return False  # session 9 (rf7): "post-op", "festival-goer" are one word
    if word in rules.clause_breaks:
        # "for a while" is no clause break (``not_breaks``)
        return not (i > 0 and (doc[i - 1].lower_, word) in rules.not_breaks)
    # "and"/"so"/"then" start a new clause only when a new subject follows
    return word in {"and", "so", "then", "&"} and i + 1 < len(doc) and \
        doc[i + 1].lower_ in rules.interjection_followers


def _clause(doc: Doc, ent: Span, rules: ContextRules) -> TokenSpan:
    sent = ent.sent
    start, end = sent.start, sent.end
    for i in range(ent.start - 1, sent.start - 1, -1):
        if _is_break(doc, i, rules):
            start = i + 1
            break
    for i in range(ent.end, sent.end):
        if _is_break(doc, i, rules):
            end = i
            break
    return start, end


def _said_of_a_later_concept(doc: Doc, ent: Span, trig_start: int, rules: ContextRules) -> bool:
    """A resolved phrase at ``trig_start`` belongs to a later concept when one stands between
    and ``ent`` has words of its own before it ("muh tedha ho gaya aur haath thik ho gaya",
    "her face drooped and her arm got better"); a plain list ("numbness and weakness went
    away") shares it, and so does a phrase after a clause break ("..., but it went away").
    """
    for other in doc.ents:
        if ent.end <= other.start and other.end <= trig_start and \
                not any(_is_break(doc, i, rules) for i in range(other.end, trig_start)):
            between = [doc[i] for i in range(ent.end, other.start)]
            joined = [t.is_punct or t.lower_ in rules.list_joiners for t in between]
            # "ho gaya aur haath": a joiner and words of its own ("weakness in my left arm"
            # has no joiner: the arm is where the weakness is, one thing)
            if any(joined) and not all(joined):
                return True
    return False


def _gaps(span: TokenSpan, left_out: List[int]) -> List[TokenSpan]:
    """The runs of ``span`` without the token positions ``left_out``."""
    runs, start = [], span[0]
    for i in range(*span):
        if i in left_out:
            if start < i:
                runs.append((start, i))
            start = i + 1
    return runs + ([(start, span[1])] if start < span[1] else [])


class _Reading:
    """The triggers of one doc, filtered the way every status rule needs them."""

    def __init__(self, doc: Doc, rules: ContextRules) -> None:
        self.doc = doc
        self.rules = rules
        #: a question mark anywhere in the message (``doc.text`` is rebuilt on every access)
        self.asks = "?" in doc.text
        found = find_triggers(doc, rules)
        pseudo = found["pseudo"]
        # (session 14: a contrast such as "this isn't that" is itself a negation look-alike, so
        # it is kept: "used to get migraines, this isn't that: the worst headache of my life")
        self.found: Dict[str, List[TokenSpan]] = {
            c: spans if c == "contrast" else [t for t in spans if not _inside(t, pseudo)]
            for c, spans in found.items()
        }
        # "can't talk normally" is no statement of normal function
        self.found["normal_function"] = [t for t in self.found["normal_function"] if not self._negated_before(t)]
        # "do I have MS?" asks about a condition, it does not tell of one
        for category in ("lifelong_condition", "past_condition", "relapsing_condition"):
            self.found[category] = [t for t in self.found[category]
                                    if not self._preceded_by(t, rules.chronic_not_after)]
        for category in ("long_standing", "long_standing_ref", "long_standing_frame", "chronic_state"):
            self.found[category] = undenied(doc, self.found[category])  # session 12 (rf18)
        demoting = [t for c in _DEMOTING for t in self.found[c]]
        resolved = self.found["resolved"] + self.found["resolved_ref"] + self.found["normal_function"]
        # (session 11, rf14: "with_now" too: "the teacher said he's fine now" is a recovery)
        for anchor in ("onset", "now", "with_now"):
            self.found[anchor] = [t for t in self.found[anchor] if not _overlaps(t, demoting)]
        # "it hasn't come back" tells that it went away, not that it returned
        self.found["recurrence"] = [t for t in self.found["recurrence"]
                                    if not _overlaps(t, resolved) and not self._negated_before(t)]
        self.found["manner"] = [t for t in self.found["manner"] if not _overlaps(t, demoting)]
        # session 9 (rf8): a frame concept (NO_ONSET_FRAME: "for years", "most evenings") is no
        # phrase whose words are no triggers: they stay triggers of the ConText rules
        self.entity_spans = [(e.start, e.end) for e in doc.ents if e.label_ not in FRAME_ONLY]
        self._labels = [(e.label_, (e.start, e.end)) for e in doc.ents]
        #: values other status modules compute once per doc (``bot.nlp.frames``)
        self.memo: Dict[str, Any] = {}

    def entity_spans_of(self, label: str) -> List[TokenSpan]:
        return [span for name, span in self._labels if name == label]

    def _negated_before(self, span: TokenSpan) -> bool:
        return self._preceded_by(span, NEGATION_WORDS)

    def _preceded_by(self, span: TokenSpan, words: frozenset[str] | set[str]) -> bool:
        """One of ``words`` in the three tokens before the span."""
        start = max(0, span[0] - 3)
        return any(self.doc[i].norm_ in words or self.doc[i].lower_ in words for i in range(start, span[0]))

    def any_in(self, category: str, scope: TokenSpan) -> Optional[TokenSpan]:
        return next((t for t in self.found[category] if _within(t, scope)), None)


def _reanchored(reading: _Reading, trig: TokenSpan, ent: Span) -> bool:
    """Session 11 (issue 14, rf13): a recent-onset anchor between a dating phrase or frame and the
    concept ("long history of MS, clonus routine, new today: my leg gives way") dates the concept
    anew: the long-standing frame applies to the known problem, not to the new sign (judge K27)."""
    # session 14 (issue 14, rf25): or a contrast ("used to get migraines, this isn't that: the
    # worst headache of my life"; "this time it's my whole side"): the frame ends there
    return any(trig[1] <= t[0] and t[1] <= ent.start
               for t in reading.found["onset"] + reading.found["contrast"])


#: session 18 (issue 14, rf30a): tokens between "since" and the past date it starts ("since his last visit a month ago")
SINCE_WINDOW = 9
#: session 18 (issue 14, rf30a): a date with one of these is years back, no start of a recent change
YEAR_WORDS = frozenset({"year", "years", "decade", "decades"})
#: session 18 (issue 14, rf30a): dates of the last days or hours: an intermittent habit told with one is new
RECENT_SPANS = ("DAYS_SPAN", "LATELY", "DAYS_AGO", "TODAY_ONSET", "RECENT_START")


def _since_start(reading: _Reading, ent: Span, trig: TokenSpan) -> bool:
    """Session 18 (issue 14, rf30a): a past date that follows "since" after a change told before it ("has got worse
    since his last visit a month ago", "more often since March") starts the change, which goes on now: it does not
    date the change (``historical.since_for``; FindADoctor 2026: clonus getting worse). The "since" stands after the
    concept, in its sentence, at most ``SINCE_WINDOW`` tokens before the date's end, and no clause break between; a
    date with a year or years ("since my diagnosis in 2014") still dates it. (A change "over the last month" stays
    gradual: context_rules.yml ``gradual``.)"""
    doc, rules = reading.doc, reading.rules
    if ent.label_ not in rules.since_for:
        return False
    # a date years back ("constant since my diagnosis in 2014", "since last year") dates a state of long standing
    if any(doc[i].like_num and len(doc[i].text) == 4 or doc[i].lower_ in YEAR_WORDS for i in range(*trig)):
        return False
    if trig[0] < ent.end:
        return False
    for i in range(max(ent.end, trig[1] - SINCE_WINDOW), trig[1]):
        if doc[i].lower_ == "since":
            return not any(_is_break(doc, j, rules) for j in range(ent.end, i))
    return False


#: session 18 (issue 14, rf30b): a span of minutes or hours ("it's been like this for 3 hours") is no long standing
_HOURS_WORDS = frozenset({"minutes", "minute", "mins", "min", "hours", "hour", "hrs", "hr", "seconds", "second",
                          "o'clock", "am", "pm", "lunch", "lunchtime", "breakfast"})


def _short_span_after(doc: Doc, trig: TokenSpan) -> bool:
    """Session 18 (issue 14, rf30b): the phrase pointing back ends in a number of minutes or hours (its pattern's
    ``#num`` names no unit): "it has been going on for 10 minutes", "it's been like this for 3 hours"."""
    return trig[1] < len(doc) and doc[trig[1]].lower_ in _HOURS_WORDS


def _historical(reading: _Reading, ent: Span, clause: TokenSpan, usable) -> Optional[str]:
    doc, rules, found = reading.doc, reading.rules, reading.found
    sent = (ent.sent.start, ent.sent.end)
    onset = reading.any_in("onset", clause)
    recent = onset or reading.any_in("now", clause)
    # a sign told as sudden ("suddenly", "out of the blue": `recent.manner`) is new, unless
    # its clause is told in the past tense only and dated ("years ago her neighbour
    # suddenly couldn't speak"); a time anchor ("today", "an hour ago") always is
    manner = reading.any_in("manner", clause)
    timed = next((t for t in found["onset"] if _within(t, clause) and not _overlaps(t, found["manner"])), None)
    # "it's back", "started again" later in the story (not "can that happen again?")
    returned = any(t[0] >= ent.start and "?" not in doc[t[0]].sent.text for t in found["recurrence"])
    after = (ent.end, sent[1])
    before = (sent[0], clause[0])
    # a clause told in the past tense only ("... and she couldn't speak")
    past_tense = bool(reading.any_in("past_tense", clause)) and not reading.any_in("present_tense", clause)
    # a clause with no verb of either tense and no word of onset continues the dated clause
    # before it ("In 2020 I had a bad reaction to tramadol, sweating and shaking, ...")
    # (no subject either: "I choke when I try to eat" is a statement of its own)
    clause_norms = {doc[i].lower_ for i in range(*clause)} | {doc[i].norm_ for i in range(*clause)}
    verbless = not (reading.any_in("past_tense", clause) or reading.any_in("present_tense", clause)
                    or reading.any_in("now", clause) or manner or reading.any_in("onset", clause)
                    or clause_norms & rules.subjects
                    or any(_within(s, clause) for s in reading.entity_spans_of("SUDDEN")))

    # a dating phrase may contain the concept itself: "an old injury", "since my back injury"
    def dates(trig: TokenSpan) -> bool:
        # session 12 (issue 14, rf16): or one that starts inside the concept and goes on past
        # it ("blurry for ten years since an injury" read as one phrase ending in "since")
        return usable(trig) or _inside((ent.start, ent.end), [trig]) or (
            ent.start < trig[0] < ent.end < trig[1] and _within(trig, sent))

    # a dating phrase that contains the concept dates it whatever clause it spans
    # ("for twenty years, since my motorbike accident")
    own = [(ent.start, ent.end)]
    # session 12 (rf18): or a medicine whose dose changed days ago (bot/nlp/frames.py)
    redated = dose_changed_lately(reading, ent)
    dated_recent = timed or reading.any_in("now", clause) or (manner and not past_tense) or redated
    # session 9 (rf7): a clause dated days ago ("ten days ago my GP started ...") is not dated
    # by a year told in the clause before it
    # (session 17, rf29a: "last week" too: "a month ago the GP started ... and last week she added ...")
    recent_dates = [sp for label in ("DAYS_AGO", "TODAY_ONSET", "RECENT_START", "LAST_WEEK")
                    for sp in reading.entity_spans_of(label) if _within(sp, clause)]
    # (session 19, lead: a span counted back from now, "over the past few days", dates like them)
    recent_dates += [sp for sp in reading.entity_spans_of("DAYS_SPAN") if _within(sp, clause)
                     and any(doc[i].lower_ in ("past", "last") for i in range(*sp))]
    own_date = bool(recent_dates)
    # session 17 (issue 14, rf29a): a recent date told nearer the concept in its clause ("restarted my paroxetine
    # last week after a break over the summer") dates it, not the older date further away (the break); a
    # duration ("for a few days", LATELY, DAYS_SPAN) is no date

    def nearer_recent(trig: TokenSpan) -> bool:
        return any(_gap(sp, own[0]) < _gap(trig, own[0]) for sp in recent_dates)

    if not dated_recent and not returned:
        for trig in found["time"]:
            if _within(trig, clause) and not _inside(own[0], [trig]) and nearer_recent(trig):
                continue
            if _since_start(reading, ent, trig):
                continue
            if dates(trig) and (_within(trig, clause) or _inside(own[0], [trig])
                                or ((past_tense or verbless) and not own_date and _within(trig, before)
                                    and not _reanchored(reading, trig, ent))):
                return _text(doc, trig)
    if ent.label_ in rules.gradual_for and not reading.any_in("onset", sent) \
            and not any(_within(t, sent) and not reading._negated_before(t)
                        for t in found["gradual_not"]):  # session 13 (rf22): "not day by day"
        gradual = reading.any_in("gradual", sent)
        if gradual is not None:
            return _text(doc, gradual)
    # session 17 (issue 14, rf29b): a sign told as slow over months or years in its sentence ("gradually, over
    # many months, my grip has felt a little weaker"), with no onset, "now", sudden or day-to-day word there
    if ent.label_ in rules.slow_for and reading.any_in("slow_manner", sent) and reading.any_in("slow_span", sent) \
            and not any(reading.any_in(c, sent) for c in ("onset", "now", "manner", "recurrence", "gradual_not")) \
            and not any(_within(s, sent) for label in ("SUDDEN", "SUDDEN_JERK", "TODAY_ONSET", "RECENT_START", "DAYS_AGO")
                        for s in reading.entity_spans_of(label)):
        return _text(doc, reading.any_in("slow_manner", sent))
    # session 8 (rf6): a medicine change dated days ago in its clause is new whatever habit
    # of an older drug shares the clause ("on sertraline for years and ten days ago ... added")
    changed_lately = redated or ent.label_ == "DRUG_CHANGE" and any(_within(s, clause) for s in reading.entity_spans_of("DAYS_AGO"))
    if not recent and not changed_lately and ent.label_ not in rules.state_concepts:
        # session 18 (issue 14, rf30a): "on and off for the past two days" is new, not a habit of long standing
        recent_spans = [sp for label in RECENT_SPANS for sp in reading.entity_spans_of(label)]
        lately = any(_within(sp, clause) for sp in recent_spans) or dated_earlier(doc, ent.start, sent, recent_spans)
        for trig in found["long_standing"]:
            if lately and _overlaps(trig, found["intermittent"]) or _since_start(reading, ent, trig):
                continue
            if dates(trig) and (_within(trig, clause) or _inside(own[0], [trig])):
                return _text(doc, trig)
        for trig in found["long_standing_ref"]:
            if usable(trig) and _within(trig, after) and not _short_span_after(doc, trig):
                return _text(doc, trig)
        # a comparison of the sides that contains the concept: "the weaker one"
        for trig in found["chronic_state"]:
            if _overlaps(trig, [(ent.start, ent.end)]):
                return _text(doc, trig)
        # a frame that opens the sentence: "Living with MS for 15 years now, ..."
        for trig in found["long_standing_frame"]:
            if usable(trig) and trig[0] <= sent[0] + 1 and trig[1] <= clause[0] \
                    and not _reanchored(reading, trig, ent):
                return _text(doc, trig)
    # session 18 (issue 14, lead): a stroke-like sign that came and went within seconds or minutes ("for a minute",
    # "briefly") in a sentence with no past date is a passing episode, a warning (``historical.passing_warning_for``,
    # ``passing_spans``)
    passing = ent.label_ in rules.passing_warning_for and reading.any_in("passing_span", sent) \
        and not any(_within(t, sent) for t in found["time"])
    if not onset and not returned and not passing:
        # the sign went away or is getting better: "the numbness cleared up after a few weeks"
        for trig in found["resolved"]:
            if usable(trig) and ent.end <= trig[0] <= ent.end + 10 and trig[1] <= clause[1] \
                    and not _said_of_a_later_concept(doc, ent, trig[0], rules):
                before = {doc[i].norm_ for i in range(max(ent.end, trig[0] - 3), trig[0])}
                if not before & NEGATION_WORDS:
                    return _text(doc, trig)
        for trig in found["resolved_ref"]:
            if usable(trig) and _within(trig, after) \
                    and not _said_of_a_later_concept(doc, ent, trig[0], rules):
                before = {doc[i].norm_ for i in range(max(ent.end, trig[0] - 2), trig[0])}
                if not before & NEGATION_WORDS:
                    return _text(doc, trig)
    if not recent and ent.label_ not in rules.state_concepts:
        for trig in found["followed"]:
            if usable(trig) and _within(trig, clause):
                return _text(doc, trig)
        for trig in found["followed_ref"]:
            if usable(trig) and _within(trig, after):
                return _text(doc, trig)
    return None


#: session 16 (issue 14, rf28b): words that open a sentence of examples ("Like sweating, fever?")
EXAMPLE_OPENERS = (("like",), ("such", "as"), ("for", "example"), ("for", "instance"), ("e.g.",), ("eg",),
                   ("things", "like"), ("stuff", "like"), ("say",))
_WATCH_CATEGORIES = ("advice", "hypothetical", "hyp_backward", "informational", "question_phrase")


def _examples_asked(reading: _Reading, ent: Span) -> Optional[str]:
    """Session 16 (issue 14, rf28b): a concept in a question that only lists examples ("Like
    sweating, shaking, fever?"), right after a question that asks what to watch for, look out
    for or expect ("What should I watch for after starting sertraline?"), is one more item of
    that question, not a report (seed: FindADoctor 2026 names the signs to look out for; a list
    of them is no report of them). The examples' sentence must have no subject or experiencer
    word ("like he's sweating now?" is a report), no time anchor, no word of return."""
    doc, rules = reading.doc, reading.rules
    sent = ent.sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or sent.start == 0 or "?" not in sent.text:
        return None
    opener = next((o for o in EXAMPLE_OPENERS
                   if tuple(t.lower_ for t in words[:len(o)]) == o), None)
    if opener is None:
        return None
    span = (sent.start, sent.end)
    if words_of(doc, span, rules) & (rules.experiencers | rules.subjects):
        return None
    if any(reading.any_in(c, span) for c in ("onset", "now", "with_now", "recurrence", "manner")):
        return None
    before = doc[sent.start - 1].sent
    if "?" not in before.text:
        return None
    trig = next((t for c in _WATCH_CATEGORIES for t in reading.found.get(c, [])
                 if before.start <= t[0] and t[1] <= before.end), None)
    if trig is None or any(reading.any_in(c, (before.start, before.end))
                           for c in ("onset", "now", "with_now", "recurrence")):
        return None
    return _text(doc, trig)


def _future_course(reading: _Reading, ent: Span, clause: TokenSpan) -> Optional[str]:
    """Session 17 (issue 14, rf29b): a worsening asked about or feared for the future ("will it get worse
    as I get older?", "could my clonus get worse over time?") is no worsening now (knowledge/context_rules.yml,
    ``future_course``). The marker ends at most two words before the concept, in its clause; the sentence asks
    (a "?") or holds a word of ``asked``; no onset, "now", return, sudden or day-to-day word in it."""
    doc, rules = reading.doc, reading.rules
    if ent.label_ not in rules.future_for:
        return None
    sent = (ent.sent.start, ent.sent.end)
    marker = next((t for t in reading.found["future"]
                   if _within(t, clause) and t[0] < ent.start and t[1] <= ent.end and ent.start - t[1] <= 2), None)
    if marker is None:
        return None
    if "?" not in doc[sent[0]:sent[1]].text and not reading.any_in("future_asked", sent):
        return None
    if any(reading.any_in(c, sent) for c in ("onset", "now", "with_now", "manner", "recurrence", "gradual_not")):
        return None
    return _text(doc, marker)


#: session 18 (issue 14, rf30b): words of a concept that a cold or shouting may explain (a lost or hoarse voice)
_VOICE_WORDS = frozenset({"voice", "hoarse", "croaky", "croak", "talk", "speak", "talking", "speaking"})


def _explained_over(reading: _Reading, ent: Span, clause: TokenSpan) -> Optional[str]:
    """Session 17 (issue 14, rf29b): numbness told with its everyday cause ("my leg went to sleep
    sitting cross-legged", "numb from the cold") and as over after it in the same sentence ("then fine", "fine
    once I warmed up") is no sign (knowledge/context_rules.yml, ``explained``). "Suddenly", a return, "still"
    or a "now" outside the recovery phrase in the concept's clause keep it present.

    Session 18 (issue 14, rf30b): the same for blurred sight, a numb face, lost speech or voice, each with
    causes of its own (``explained.everyday_for``: eye drops, the dentist's injection, a cold, words that
    "turned out" to be a joke); a voice "back now" is over for a voice cause only. On this path a return, a
    sudden word, "still" or a "now" outside the recovery anywhere in the sentence keeps the sign; a recovery
    denied ("it hasn't worn off") is none, on either path."""
    doc, rules = reading.doc, reading.rules
    everyday = rules.explained_everyday.get(ent.label_, ())
    if ent.label_ not in rules.explained_for and not everyday:
        return None
    sent = (ent.sent.start, ent.sent.end)
    cause = reading.any_in("explained_cause", sent) if ent.label_ in rules.explained_for else None
    cause_kind = None
    if cause is None:
        # (a cold or shouting explains a lost or hoarse voice, not slurred words)
        kinds = [c for c in everyday if c != "explained_voice_causes" or {t.lower_ for t in ent} & _VOICE_WORDS]
        cause_kind = next((c for c in kinds if undenied_cause(reading, c, sent)), None)
        cause = undenied_cause(reading, cause_kind, sent) if cause_kind else None
    endings = reading.found["explained_over"] + reading.found["resolved_ref"]
    if cause_kind == "explained_voice_causes":
        endings = endings + reading.found["explained_voice_over"]
    endings = [t for t in endings if not reading._negated_before(t)]
    over = [t for t in endings if _within(t, sent) and t[0] >= ent.end]
    if not over and sent[1] < len(doc):
        # or the next sentence, when it names no such sign of its own before the recovery ("... woke up with my arm
        # asleep and tingling. Shook it and it came back in a couple of minutes")
        nxt = (sent[1], doc[sent[1]].sent.end)
        over = [t for t in endings
                if _within(t, nxt) and not any(nxt[0] <= s[0] < t[0] for s in reading.entity_spans_of(ent.label_))]
    if cause is None or not over:
        return None
    # (a duration such as "for a few minutes" is no sudden word here: the cause tells why it passed)
    scope = clause if cause_kind is None else sent
    returned = [t for t in reading.found["recurrence"] if _within(t, scope) and not _overlaps(t, over)]
    if returned or any(doc[i].lower_ == "still" for i in range(*scope)) or \
            any(_within(s, scope) for label in ("SUDDEN", "SUDDEN_JERK") for s in reading.entity_spans_of(label)):
        return None
    if any(_within(t, scope) and not _overlaps(t, over) for t in reading.found["now"]):
        return None
    return _text(doc, over[0])


def assign_status(doc: Doc, ent: Span, rules: ContextRules,
                  reading: Optional[_Reading] = None) -> Tuple[str, Optional[str]]:
    """(status, trigger text) for one entity."""
    reading = reading or _Reading(doc, rules)
    found = reading.found
    sent = ent.sent
    own = (ent.start, ent.end)

    def usable(trigger: TokenSpan) -> bool:
        # a trigger word inside a matched phrase ("can't" in "can't talk") is no trigger
        part_of_phrase = _inside(trigger, reading.entity_spans) or _overlaps(trigger, [own])
        return sent.start <= trigger[0] and trigger[1] <= sent.end and not part_of_phrase

    # inside an exclusion phrase ("I'm confused about ...", "his weak side")
    for trig in found["exclusion"]:
        # session 16 (rf28b): not a concept whose match runs on past the phrase over a comma or a
        # semicolon into another clause ("the forms were giving me a headache all week, but this
        # one hit like a thunderclap")
        if _overlaps(trig, [own]) and not any(
                doc[i].is_punct and _is_break(doc, i, rules) for i in range(own[0], own[1])
                if not trig[0] <= i < trig[1]) and not source_then_had(reading, trig):
            return INFORMATIONAL, _text(doc, trig)
    # the subject of a statement of normal function ("swallowing is normal"); a concept in
    # the middle of one ("my arm is weak compared to normal") is not
    for trig in found["normal_function"]:
        if trig[0] == own[0] and _inside(own, [trig]):
            return NEGATED, _text(doc, trig)
        # session 9 (rf7): the concept that ends a statement opened by a normal word ("a
        # normal temperature", "her normal temp")
        if trig[1] == own[1] and _inside(own, [trig]) and \
                any(doc[i].lower_ in NORMAL_WORDS for i in range(trig[0], own[0])):
            return NEGATED, _text(doc, trig)

    denied = negation(reading, ent, usable)
    if denied is not None:
        return NEGATED, denied

    clause = _clause(doc, ent, rules)
    someone_else = story(reading, ent, clause)
    if someone_else is not None:
        return INFORMATIONAL, someone_else

    past = (_historical(reading, ent, clause, usable) or _explained_over(reading, ent, clause) or bound_to_cause(reading, ent)
            or chronic_picture(reading, ent, clause) or liver_picture(reading, ent, clause))
    # session 18 (issue 14, rf30b): a long-standing phrase opening the next sentence
    if past is None and ent.label_ not in reading.rules.state_concepts:
        past = next_sentence_reference(reading, ent)
    if past is not None:
        return HISTORICAL, past

    future = _future_course(reading, ent, clause) or feared(reading, ent)  # session 18 (rf30b): bot/nlp/mentions.py
    if future is not None:
        return HYPOTHETICAL, future
    # session 18 (issue 14, rf30b): a list from a leaflet, a website or a course
    listed = source_list(reading, ent) or comparison(reading, ent)
    if listed is not None:
        return INFORMATIONAL, listed
    # hypothetical: a conditional before the concept, up to a comma ("if he falls and
    # can't swallow" covers both)
    for trig in found["hypothetical"]:
        # session 12 (rf15): not an "if" told with a past start or a real event (bot/nlp/frames.py)
        if usable(trig) and trig[1] <= ent.start and (
                not crosses_clause(doc, trig[1], ent.start)
                or asked_list(doc, rules, found, reading.entity_spans, trig, ent.start)
                or if_list(doc, rules, found, trig, ent.start)) \
                and not frame_broken(reading, trig, (sent.start, sent.end), clause):  # session 12 (rf17: if_list; rf15: frame_broken)
            return HYPOTHETICAL, _text(doc, trig)
    # session 9 (rf7): what to look out for ("told us to watch for"), in a sentence with no
    # word of onset, now or return
    if not any(reading.any_in(c, (sent.start, sent.end)) for c in ("onset", "now", "recurrence")):
        for trig in found["advice"]:
            # session 13 (rf22): or a plain list after it ("look out for weakness, numbness or ...")
            if usable(trig) and trig[1] <= ent.start and (
                    not crosses_clause(doc, trig[1], ent.start)
                    or denial_list(doc, rules, found, reading.entity_spans, trig[1], ent.start, min_commas=1)):
                return HYPOTHETICAL, _text(doc, trig)
    # session 16 (rf28b): the examples of a question of what to watch for, asked in a sentence of
    # their own ("What should I watch for after starting it? Like sweating, shaking, a fever?")
    example = _examples_asked(reading, ent)
    if example is not None:
        return HYPOTHETICAL, example
    # a condition after the concept (Hindi: "bolne me dikkat ho to ...", "lakwa ho jaye
    # to"), close to it and in its clause
    for trig in found["hyp_backward"]:
        if usable(trig) and trig[0] >= ent.end and trig[0] - ent.end <= HYP_BACKWARD_WINDOW \
                and not terminated(doc, ent.end, trig[0], rules) and not crosses_clause(doc, ent.end, trig[0]):
            return HYPOTHETICAL, _text(doc, trig)

    # a generic statement about the concept ("a curtain over one eye can be a warning sign
    # of stroke"), in a clause that tells nobody's experience (a frame such as "I read that"
    # aside), in a message with no word of now ("... and my dad has it now" stays present)
    generic = next((t for t in found["generic"] if usable(t) and t[0] >= ent.end and _within(t, clause)), None)
    if generic is not None and not (found["with_now"] or found["onset"] or found["now"]):
        framed = [i for t in found["hearsay"] if _within(t, clause) for i in range(*t)]
        if not any(words_of(doc, span, rules) & rules.experiencers for span in _gaps(clause, framed)):
            return INFORMATIONAL, _text(doc, generic)
    # informational: a general question in the sentence, when the concept's own clause
    # reports nobody's experience
    clause_words = words_of(doc, clause, rules)
    asked = is_question(reading, (sent.start, sent.end), clause)
    # session 9 (rf8): a general question answered by a later sentence that puts it on someone
    # now ("... your speech goes slurred? That happened to my dad ten minutes ago.")
    referred = any(t[0] >= sent.end and (t[0] == 0 or doc[t[0] - 1].norm_ not in NEGATION_WORDS)
                   for t in found["referred_now"]) or real_event(reading, (sent.start, sent.end))
    if not clause_words & rules.experiencers and not referred:
        for trig in found["informational"]:
            # in a statement, only a trigger that introduces the concept ("tell me about
            # numbness"), not one that follows it ("the words ... make no sense")
            if usable(trig) and (asked or (_within(trig, clause) and trig[1] <= ent.start)):
                return INFORMATIONAL, _text(doc, trig)
    return PRESENT, None


def message_reading(doc: Doc, rules: ContextRules,
                    reading: Optional[_Reading] = None) -> Tuple[List[str], bool, bool]:
    """(the readings found anywhere in the message, whether it reads like a current report,
    whether anything in it is anchored in the present: "today", "now", "suddenly" ...)."""
    reading = reading or _Reading(doc, rules)
    frames = sorted(c for c in reading.found if reading.found[c] and c in rules.not_current)
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    # every word, the Hindi "me" too: the safety net may keep a guess on it (recall first)
    norms = {t.lower_ for t in words} | {t.norm_ for t in words}
    first_person = bool(norms & rules.first_person)
    progressive = any(t.lower_ in rules.progressive and any(
        u.lower_.endswith("ing") for u in doc[t.i + 1:t.i + 3]) for t in words)
    about_someone_now = bool(norms & rules.third_person) and bool(
        reading.found["now"] or reading.found["onset"] or progressive)
    report = len(words) <= rules.report_max_words and (first_person or about_someone_now) and not frames
    anchored = bool(reading.found["onset"] or reading.found["now"])
    return frames, report, anchored


def clause_of(doc: Doc, ent: Span, rules: ContextRules) -> TokenSpan:
    """The token span of the clause of ``ent`` (shared with ``bot.nlp.recovery``)."""
    return _clause(doc, ent, rules)


def reading_of(doc: Doc, rules: ContextRules) -> _Reading:
    """The filtered triggers of a doc (shared by every entity of the doc)."""
    return _Reading(doc, rules)
