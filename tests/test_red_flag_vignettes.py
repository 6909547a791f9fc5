"""The trained model on the red-flag sets, through the whole NLU pipeline.

- ``tests/red_flags/vignettes.yml`` (held-in), ``holdout_vignettes.yml`` (written
  independently) and ``narratives.yml`` (story-like messages written
  independently of the rules, never used to build them; a set listed in ``NOT_YET`` is an
  expected failure until it meets its gates): every emergency must
  get the intent ``red_flag``; at most 3 % of the messages that are not emergencies
  (mentions, old or normal things) may escalate (issue 14).
- A set's ``urgent`` stories (getting worse every day, a serotonergic medicine just started
  with jerking only) may not be ignored.
- The development stories (``dev_stories*.yml``, used to build the rules; the former
  narrative sets are ``dev_stories_6.yml`` (until session 5) and ``dev_stories_9.yml``
  (until session 6)) through the whole NLU: every emergency escalates
  (a set listed in ``DEV_RECALL_NOT_YET`` is an expected failure until it does); their
  false alarms are reported and held at most at ``DEV_FALSE_ALARMS_AT_MOST`` (3 % by
  default).
- Ordinary questions (the held-in NLU test set, and the hold-out ``ordinary`` list): at most
  1 % may escalate.

Figures are written to reports/red_flags.txt (one block per set)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot import paths
from bot.maintain import red_flag_sets as sets

pytestmark = pytest.mark.model

REPORT = paths.REPORTS / "red_flags.txt"


@pytest.fixture(scope="module")
def intents(model_file: Path) -> sets.Intents:
    return sets.model_intents(model_file)


@pytest.fixture(scope="module")
def report() -> Any:
    blocks: dict[str, str] = {}
    yield blocks
    paths.REPORTS.mkdir(exist_ok=True)
    REPORT.write_text("\n\n".join(blocks[k] for k in sorted(blocks)) + "\n", encoding="utf-8")


#: The independent narrative set: written by another engineer without looking at the rules,
#: the development stories or the training data (issue 14 item 4). The session-5 set was
#: used to build the rules in session 6 and is now the development set dev_stories_9.yml;
#: this one was written in session 6 by a helper who opened only the format of the sets,
#: the loader and this test, never the rules, the training data, the other sets' sentences
#: or any report of what the bot gets wrong.
NARRATIVES = "narratives.yml"
#: The third independent set (session 7): written by a helper who opened only the first lines
#: of narratives.yml for the format, the loader and this test; first run after the session's
#: rules were merged, nobody has changed a rule from its results.
NARRATIVES_3 = "narratives_3.yml"
#: The fourth independent set (session 8): written by a helper who opened only the first lines
#: of narratives_3.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_4 = "narratives_4.yml"
#: The fifth independent set (session 9): written by a helper who opened only the first lines
#: of narratives_4.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_5 = "narratives_5.yml"
#: The sixth independent set (session 10): written by a helper who opened only the first lines
#: of narratives_5.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_6 = "narratives_6.yml"
#: The seventh independent set (session 10): written by a helper who opened only the first lines
#: of narratives_6.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_7 = "narratives_7.yml"
#: The eighth independent set (session 10): written by a helper who opened only the first lines
#: of narratives_7.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_8 = "narratives_8.yml"
#: The ninth independent set (session 11): written by a helper who opened only the first lines
#: of narratives_8.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_9 = "narratives_9.yml"
#: The tenth independent set (session 12): written by a helper who opened only the first lines
#: of narratives_9.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_10 = "narratives_10.yml"
#: The eleventh independent set (session 12): written by a helper who opened only the first lines
#: of narratives_10.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_11 = "narratives_11.yml"
#: The twelfth independent set (session 13): written by a helper who opened only the first lines
#: of narratives_10.yml for the format, the loader and this test; not run against the bot while
#: it was written, no label changed after a result.
NARRATIVES_12 = "narratives_12.yml"
#: The thirteenth independent set (session 14): written blind by a helper who read only the issue,
#: the seeds and the format of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_13 = "narratives_13.yml"
#: The fourteenth independent set (session 15): written blind by a helper who read only the issue,
#: the seeds and the format of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_14 = "narratives_14.yml"
#: The fifteenth independent set (session 16): written blind by a helper who read only the issue,
#: the seeds and the format of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_15 = "narratives_15.yml"
#: The sixteenth independent set (session 17): written blind by a helper who read only the issue,
#: the seeds and the format of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_16 = "narratives_16.yml"
#: The seventeenth independent set (session 18): written blind by a helper who read only the issue,
#: the seeds and the format of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_17 = "narratives_17.yml"
#: The eighteenth independent set (session 19): written blind by a helper who read only the issue,
#: the seeds and the list keys of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_18 = "narratives_18.yml"
#: The nineteenth independent set (session 20): written blind by a helper who read only the issue,
#: the seeds and the first lines of dev_stories_29.yml (no rule, no other set, no detector run); no label
#: changed after a result.
NARRATIVES_19 = "narratives_19.yml"
#: Gates not met yet on the held-in sets (reason): an expected failure that turns into an
#: error (strict) as soon as the set passes, so the gate is then switched on by removing it.
NOT_YET: dict[str, str] = {
    NARRATIVES_4: "issue 14: first run (model 1f57abefc6f9, before the session-8 rules) 90/98 emergencies, "
                  "14/19 urgent, 18/127 false alarms; on model 27732ff5c327 (session 10, rules built from "
                  "judges' kinds, no sentence) 96/98 emergencies, 19/19 urgent, 7/127 false alarms (5.5 %)"
                  "; on model b43fdff46b7e (session 11, after rf13 and rf14 built rules from the "
                  "lead's kinds of narratives_4-8, no sentence) 96/98, 19/19, 6/127 (4.7 %)"
                  "; on model 66687d936b63 (session 12, after rf15, rf16 and rf17 built rules from this set's failure lines, now spent) 98/98, 19/19, 5/127 (3.9 %)"
                  "; on model f7952c56a5ae (session 17, after rf29a and rf29b) 98/98, 19/19, 4/127 (3.1 %)",
    NARRATIVES_5: "issue 14: first run (model cfd99f883423, before the session-9 rules of rf7 and rf8) "
                  "91/98 emergencies, 15/19 urgent, 9/125 false alarms; on model 27732ff5c327 (session 10, "
                  "rules built from judges' kinds, no sentence) 97/98 emergencies, 18/19 urgent, 6/125 false "
                  "alarms (4.8 %)"
                  "; on model b43fdff46b7e (session 11, after rf13 and rf14 built rules from the "
                  "lead's kinds of narratives_4-8, no sentence) 97/98, 18/19, 6/125 (4.8 %)"
                  "; on model 66687d936b63 (session 12, after rf15, rf16 and rf17 built rules from this set's failure lines, now spent) 98/98, 19/19, 4/125 (3.2 %)",
    NARRATIVES_7: "issue 14: first run (model 21fe9135e33a with the rules of main 63cf346, before any rule "
                  "built from this set) 84/88 emergencies, 13/16 urgent, 29/112 false alarms (25.9 %); on model "
                  "27732ff5c327 (after rf12's rules built from a judge's false-alarm kinds of this set, no "
                  "sentence) 84/88, 13/16, 24/112 (21.4 %)"
                  "; on model b43fdff46b7e (session 11, after rf13 and rf14 built rules from the "
                  "lead's kinds of narratives_4-8, no sentence) 85/88, 13/16, 22/112 (19.6 %)"
                  "; on model 66687d936b63 (session 12, after rf15, rf16 and rf17 built rules from this set's failure lines, now spent) 88/88, 15/16, 5/112 (4.5 %)",
    NARRATIVES_9: "issue 14: fresh (session 11), no rule built from it. First run (model 27732ff5c327, main "
                  "bed85de) 81/88 emergencies, 15/17 urgent, 17/114 false alarms (14.9 %)"
                  "; on model b43fdff46b7e (session 11, after rf13 and rf14, whose kinds came "
                  "from narratives_4-8 only: the honest measure of the round) 81/88, 15/17, "
                  "16/114 (14.0 %)"
                  "; on model 66687d936b63 (session 12, after rf15, rf16 and rf17 built rules from this set's failure lines, now spent) 88/88, 17/17, 4/114 (3.5 %)",
    NARRATIVES_10: "issue 14: fresh (session 12), no rule built from it. First run (model b43fdff46b7e, main 19431b1) 81/92 emergencies, 16/20 urgent, 10/136 false alarms (7.4 %); on model 66687d936b63 (after rf15, rf16 and rf17, whose rules came from narratives_4-9 only: the honest measure of the round) 81/92, 16/20, 10/136 (7.4 %): no change"
                   "; its failure lines were read by the lead in session 12 (rf18 built rules from them): spent"
                   "; on model f7952c56a5ae (session 17, after rf29a and rf29b) 92/92, 20/20, 7/136 (5.1 %)"
                   "; on model 6f96047f5aec (session 18) 92/92, 20/20, 6/136 (4.4 %)",
    NARRATIVES_17: "issue 14: fresh (session 18), no rule built from it. First run (model 3aba5f97be37, main ea35bba, before the session-18 rules) 101/102 emergencies, 17/22 urgent, 16/136 false alarms (11.8 %); rules alone 101/102, 17/22, 16/136"
                   "; on model 6f96047f5aec (session 18, after rf30a, rf30b and the lead, written without it: the honest measure of the round) 102/102, 19/22, 16/136 (11.8 %)"
                   "; on model 2ca5ec2921d1 (session 19, after rf31a, rf31b, rf31c and the lead, written without it) 102/102, 19/22, 13/136 (9.6 %)"
                   "; its failure lines were read by the lead in session 20 (rf32a-d built rules from their kinds, no sentence): spent"
                   "; on model 06e1ea324725 (session 20, after rf32a-d and the lead) 102/102, 21/22, 6/136 (4.4 %)",
    NARRATIVES_18: "issue 14: fresh (session 19), no rule built from it. First run (model 9cbcbc833b3b, main a8d2d45, before the session-19 rules) 93/100 emergencies, 17/23 urgent, 22/135 false alarms (16.3 %); rules alone 92/100, 17/23, 22/135"
                   "; on model 2ca5ec2921d1 (session 19, after rf31a, rf31b, rf31c and the lead, written without it: the honest measure of the round) 93/100, 17/23, 19/135 (14.1 %)"
                   "; its failure lines were read by the lead in session 20 (rf32a-d built rules from their kinds, no sentence): spent"
                   "; on model 06e1ea324725 (session 20, after rf32a-d and the lead) 98/100, 22/23, 10/135 (7.4 %)",
    NARRATIVES_19: "issue 14: fresh (session 20), no rule built from it. First run (model 3fc5fa66efc9, main a739fdb, before the session-20 rules) 109/115 emergencies, 21/25 urgent, 8/134 false alarms (6.0 %); rules alone 109/115, 20/25, 8/134"
                   "; on model 06e1ea324725 (session 20, after rf32a-d, written without it, and the lead, who read one of its lines: an "
                   "emergency rf32d's near-fall exclusion had turned into information, fixed) 109/115, 22/25, 7/134 (5.2 %)",
}
#: narratives_3.yml passes on model 27732ff5c327 (session 10): 82/82 emergencies, 13/13 urgent,
#: 2/109 false alarms (1.8 %): its gate is live (model 66687d936b63, session 12: 82/82, 13/13, 3/109, 2.8 %).
#: narratives_8.yml passes on model 66687d936b63 (session 12, after rules built from its failure lines:
#: spent, no longer an independent measure): 90/90 emergencies, 16/16 urgent, 3/116 (2.6 %): its gate is live.
#: narratives.yml passes on model 21fe9135e33a (session 9): 85/85 emergencies, 13/13 urgent,
#: 1/104 false alarms (1.0 %): its gate is live.
#: narratives_6.yml, narratives_12.yml and narratives_13.yml pass on model f7952c56a5ae (session 17,
#: after rf29a and rf29b; all three spent, no longer independent measures): 91/91, 17/17, 2/115 (1.7 %);
#: 92/92, 19/19, 2/127 (1.6 %); 99/99, 20/20, 0/130 (0.0 %): their gates are live.
#: narratives_11.yml and narratives_14.yml pass on model 6f96047f5aec (session 18, after rf30a, rf30b and the
#: lead; both spent): 93/93, 20/20, 4/139 (2.9 %); 96/96, 20/20, 0/131 (0.0 %): their gates are live.
#: narratives_15.yml and narratives_16.yml pass on model 2ca5ec2921d1 (session 19, after rf31a, rf31b, rf31c and the
#: lead, whose kinds came from their failure lines: both spent): 100/100, 21/21, 1/128 (0.8 %); 100/100, 21/21,
#: 4/140 (2.9 %): their gates are live.
#: Development sets through the whole NLU that do not meet recall yet (reason), and their
#: measured false alarms (at most); see tests/unit/test_red_flag_stories.py for the rules alone.
#: (session 17: dev_stories_28 meets recall on model f7952c56a5ae, 10/10 urgent, after rf29a's nearer
#: date: its expected failure is gone)
DEV_RECALL_NOT_YET: dict[str, str] = {}
DEV_FALSE_ALARMS_AT_MOST: dict[str, int] = {
    # measured through the whole NLU on model 100399a7a770 (session 6; the classifier's
    # safety net no longer fires on stories), held there so they cannot get worse unnoticed.
    # dev_stories_5: a cousin's car accident "and now has clonus in both legs" (a treatment
    # question about someone else's current clonus after trauma; the rules keep it present)
    "dev_stories.yml": 0, "dev_stories_2.yml": 0, "dev_stories_3.yml": 0, "dev_stories_4.yml": 0,
    "dev_stories_5.yml": 1, "dev_stories_6.yml": 0, "dev_stories_7.yml": 0, "dev_stories_8.yml": 0,
    "dev_stories_9.yml": 0, "dev_stories_10.yml": 0,
    # dev_stories_11 (session 7): "my uncle say his friend had stroke last year and cannot see
    # from one eye now": the "now" keeps a sign present even in someone else's story
    # ... and a second one on model c734d16b61dd (session 16; the NLU data did not change, the
    # retrained classifier did): "One minute she's fine, the next she's crying - teething! ..."
    # is information by the rules alone, the classifier guesses red_flag (0.97) and the net keeps
    # it on the present SUDDEN of "one minute she's fine, the next" (clause 1 of
    # bot/nlu/safety_net.py). Session 17: a manner word alone is no evidence for clause 1
    # (``net_evidence_with: SUDDEN``): the guess is withdrawn, the ceiling back at 1.
    "dev_stories_11.yml": 1,
    # dev_stories_12 (session 8, rf5): 0/51 through the whole NLU after the session's rules
    # (11/51 on main's model 1f57abefc6f9 before them)
    "dev_stories_12.yml": 0,
    # dev_stories_13 (session 8, rf6): 0/24 through the whole NLU on model 5fbe9f0a3b8f
    # (9/24 with the rules before rf6's round)
    "dev_stories_13.yml": 0,
    # dev_stories_14 (session 9, rf7) and dev_stories_15 (rf8): 1/34 and 1/16 through the whole
    # NLU on model 21fe9135e33a (the classifier's net keeps one guess on a "now" story; a
    # usual evening episode told with "started an hour ago")
    "dev_stories_14.yml": 1, "dev_stories_15.yml": 1,
    # dev_stories_19 (session 10, rf12): 2/23 through the whole NLU on model 21fe9135e33a with
    # rf12's pipeline (the same two stories as the rules alone: a slow course told of speech,
    # K26; a fever that "went" beside usual spasms, K8-d)
    "dev_stories_19.yml": 2,
    # dev_stories_16 (rf9) and dev_stories_18 (rf11): 0/32 and 0/20 through the whole NLU on model
    # 27732ff5c327; dev_stories_17 (rf10, vocabulary written from first principles): 6/40 there
    # (its 5 rules-only look-alikes, context kinds left open in session 10, and one classifier
    # guess the net keeps), held so they cannot get worse unnoticed
    "dev_stories_16.yml": 0, "dev_stories_17.yml": 6, "dev_stories_18.yml": 0,
    # dev_stories_20 (session 11, rf13): 1/22 through the whole NLU on model 27732ff5c327 with rf13's
    # pipeline (29/29 emergencies, 5/5 urgent; the classifier's net keeps one guess on a usual
    # migraine "easing now", a look-alike twin the rules leave alone: 0/22 rules alone)
    "dev_stories_20.yml": 1,
    # dev_stories_21 (session 11, rf14: the lead's false-alarm kinds of the spent independent sets,
    # K1-K8): 1/30 through the whole NLU on model 27732ff5c327 with rf14's pipeline (14/30 rules
    # alone before the round, 0/30 after; the classifier's net keeps one guess)
    "dev_stories_21.yml": 1,
    # dev_stories_23 (session 12, rf16: the time/course false-alarm kinds of the spent independent
    # sets, our own variants): 12/20 rules alone before the round, 0/20 after (rules alone,
    # red_flag_vignettes.py --fresh); through the whole NLU: see the rf16 commit
    "dev_stories_23.yml": 0,
    # dev_stories_24 (session 12, rf17: the WHO/WHY false-alarm kinds of the spent independent sets:
    # someone else, if-lists, planned or stable medicines, checked knocks, normal function): 14/21
    # rules alone before the round (c37653e), 0/21 after; 0/21 through the whole NLU on model
    # b43fdff46b7e with rf17's pipeline (the classifier's net withdrew its 2 guesses)
    "dev_stories_24.yml": 0,
    # dev_stories_22 (session 12, rf15: the missed-emergency and missed-urgent kinds of the spent sets
    # narratives_4..9): 0/19 false alarms by the rules alone (29/29 emergencies, 10/10 urgent);
    # not yet measured through the whole NLU (no model trained in rf15: the lead measures it)
    "dev_stories_22.yml": 0,
    # dev_stories_40 (session 19, rf31a): 1/26 through the whole NLU on model 2ca5ec2921d1 (0/26 rules alone): the
    # classifier guesses red_flag_urgent on "a cardiac arrest three years ago ... now has mild clonus in one ankle"
    # and the net keeps it on the present jerking told with "now"; dev_stories_41 and 42 (rf31b, rf31c): 0/21, 0/16
    "dev_stories_40.yml": 1, "dev_stories_41.yml": 0, "dev_stories_42.yml": 0,
    # dev_stories_43 to 46 (session 20, rf32a-d), model 06e1ea324725, the same through the whole NLU as by the rules alone:
    # 43: 1/11 (a lip still numb after the dentist read as a face droop, on main before the round too); 44: 0/6; 45: 0/14;
    # 46: 1/19 (a football to the face this morning with every sign denied: rf32d's kind 8, not done)
    "dev_stories_43.yml": 1, "dev_stories_44.yml": 0, "dev_stories_45.yml": 0, "dev_stories_46.yml": 1,
}
DEV_SETS = sorted(p.name for p in sets.SETS_DIR.glob("dev_stories*.yml"))


def check_set(intents: sets.Intents, report: dict[str, str], name: str, min_emergencies: int,
              min_others: int, max_false_alarms: int | None = None) -> None:
    """Recall on emergencies and urgent stories (100 %), false alarms at most the gate."""
    score = sets.score_set(sets.SETS_DIR / name, intents)
    assert score.emergencies >= min_emergencies and score.others >= min_others
    report[name] = "\n".join(score.lines())
    print("\n" + report[name])
    assert not score.missed, report[name]
    assert not score.ignored, report[name]
    ceiling = sets.FALSE_ALARM_GATE * score.others if max_false_alarms is None else max_false_alarms
    assert len(score.alarms) <= ceiling, report[name]


def _marked(name: str, *values: int) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=NOT_YET[name])] if name in NOT_YET else []
    if not (sets.SETS_DIR / name).exists():
        marks.append(pytest.mark.skip(reason=f"{name} is not in this checkout"))
    return pytest.param(name, *values, marks=marks)


@pytest.mark.parametrize("name, min_emergencies, min_others", [
    _marked("vignettes.yml", 80, 60),
    _marked("holdout_vignettes.yml", 80, 60),
    _marked(NARRATIVES, 80, 90),
    _marked(NARRATIVES_3, 80, 100),
    _marked(NARRATIVES_4, 85, 110),
    _marked(NARRATIVES_5, 85, 110),
    _marked(NARRATIVES_6, 85, 110),
    _marked(NARRATIVES_7, 85, 110),
    _marked(NARRATIVES_8, 85, 110),
    _marked(NARRATIVES_9, 85, 110),
    _marked(NARRATIVES_10, 85, 110),
    _marked(NARRATIVES_11, 85, 110),
    _marked(NARRATIVES_12, 85, 110),
    _marked(NARRATIVES_13, 90, 120),
    _marked(NARRATIVES_14, 90, 120),
    _marked(NARRATIVES_15, 95, 120),
    _marked(NARRATIVES_16, 95, 120),
    _marked(NARRATIVES_17, 95, 120),
    _marked(NARRATIVES_18, 95, 125),
    _marked(NARRATIVES_19, 110, 130),
])
def test_every_emergency_escalates_and_few_false_alarms(intents, report, name: str,
                                                        min_emergencies: int, min_others: int) -> None:
    check_set(intents, report, name, min_emergencies, min_others)


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=DEV_RECALL_NOT_YET[n]))
    if n in DEV_RECALL_NOT_YET else n for n in DEV_SETS])
def test_development_stories_through_the_whole_nlu(intents, report, name: str) -> None:
    check_set(intents, report, name, 1, 1, DEV_FALSE_ALARMS_AT_MOST.get(name))


def test_ordinary_questions_rarely_escalate(intents, report) -> None:
    score = sets.score_ordinary(intents)
    report["ordinary"] = "\n".join(score.lines())
    print("\n" + report["ordinary"])
    assert len(score.alarms) <= sets.ORDINARY_GATE * score.total, report["ordinary"]


def test_scoring_counts_misses_alarms_and_ignored_urgent(tmp_path: Path) -> None:
    """The shared scoring itself, with a fake model: a miss, a false alarm, an ignored urgent
    story and an urgent story read as an emergency are each counted."""
    data = tmp_path / "tiny.yml"
    data.write_text("emergency:\n  - text: e1\n  - text: e2\nurgent:\n  - text: u1\n  - text: u2\n"
                    "not_emergency:\n  - text: n1\n  - text: n2\n")
    fake = {"e1": "red_flag", "e2": "red_flag_urgent", "u1": "faq", "u2": "red_flag",
            "n1": "red_flag_urgent", "n2": "greet"}
    score = sets.score_set(data, lambda texts: [fake[t] for t in texts])
    assert score.missed == ["e2"] and score.alarms == ["n1"] and score.ignored == ["u1"]
    assert score.urgent_as_emergency == 1 and score.recall == 0.5 and score.false_alarm_rate == 0.5
    assert not score.passes


#: Bare descriptions of an ordinary, long-standing symptom (no warning sign): the intent
#: classifier must not escalate them (data/nlu/symptom_statements.yml teaches it; these
#: are written apart from it). The same as tests/e2e/test_red_flags.py's single messages.
HARMLESS_STATEMENTS = [
    "his leg keeps jerking",
    "my leg keeps jerking",
    "my dad's ankle keeps jerking",
    "my son has had a fever since yesterday",
    "my right foot bounces when I rest it on the footstool",
    "her ankle goes up and down a few times when I put her shoes on",
    "my calves are tight and my feet jump when I stand up, same as ever",
    "clonus in my left ankle again this morning",
    "the jerking in my legs is there most evenings",
    "my knee judders when I climb the stairs",
    "mum's foot taps on its own when she's in her wheelchair",
    "I've got that bouncing foot thing when I drive",
]


@pytest.mark.xfail(strict=True, reason="issue 13: on model 21fe9135e33a 'my dad's ankle keeps jerking' "
                   "still escalates (the intent classifier); the other 11 do not")
def test_harmless_symptom_statements_do_not_escalate(intents) -> None:
    escalated = [t for t, i in zip(HARMLESS_STATEMENTS, intents(HARMLESS_STATEMENTS), strict=True)
                 if i in sets.ESCALATING]
    assert not escalated
