"""Reading a story the way a nurse on a phone line would (knowledge/context_rules.yml,
bot/nlp/context.py): statements of normal function, resolved, long-standing and followed
problems, someone else's story or a study question are no present sign; a sign after a
negation, a shrug or a long preamble still is; lay wording of every seed sign is found;
levels stay graded. The development stories (tests/red_flags/dev_stories*.yml, written
by the project) are held to the targets: every emergency escalates, at most 3 % of the
others do."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest
import yaml

from bot import paths
from bot.knowledge.red_flags import Assessment
from bot.nlp.patterns import expand
from tests.unit.conftest import sign_keys

STORY_FILES = sorted((paths.ROOT / "tests" / "red_flags").glob("dev_stories*.yml"))


def statuses(result: Assessment) -> Dict[str, str]:
    return {c.label: c.status for c in result.concepts}


# --- 1. statements of normal function are no signs ----------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "his voice sounds normal and his ankle only jerks when he stands",
        "I can see fine, it's just the clonus in my calf",
        "both sides of her smile are even, the ankle bounces a lot though",
        "she's walking as usual and talking normally, the clonus is the same",
        "my speech is clear and my face looks normal, only the foot jerks",
        "he is swallowing normally and breathing fine",
    ],
)
def test_normal_function_is_no_sign(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
    assert "normal_function" in result.frames
    assert not result.current_report  # the classifier's safety net may not fire on it


def test_a_comparison_with_normal_is_no_normal_statement(assess) -> None:
    assert assess("my arm is much weaker than normal").level == "emergency"
    assert assess("my arm is weak compared to normal").level == "emergency"


def test_a_normal_statement_that_is_negated_is_a_sign(assess) -> None:
    result = assess("he can't talk normally and his foot jerks")
    assert result.level == "emergency" and "speech" in sign_keys(result)
    assert "normal_function" not in result.frames


# --- 2. resolved, long-standing, known-and-followed --------------------------------

@pytest.mark.parametrize(
    "text, label, trigger",
    [
        ("the numbness in my fingers cleared up after a few weeks", "NUMBNESS", "cleared"),
        ("the weakness in my left arm after my stroke is better since rehab", "WEAKNESS", "is better"),
        ("I used to have blurred vision with my relapses", "VISION", "used to"),
        ("I've had numb toes for two decades", "NUMBNESS", "for two decades"),
        ("my wife has had weakness in her right leg for years", "WEAKNESS", "for years"),
        ("her balance has been poor since birth", "COORDINATION", "since birth"),
        ("he always loses his balance on stairs", "COORDINATION", "always"),
        ("most evenings my legs feel numb for a while", "NUMBNESS", "most evenings"),
        ("her MS nurse knows about the numbness in her feet", "NUMBNESS", "nurse knows"),
        ("the neurologist is keeping an eye on the weakness in his leg", "WEAKNESS", "keeping an eye"),
    ],
)
def test_resolved_long_standing_and_followed_are_not_new(assess, text: str, label: str, trigger: str) -> None:
    result = assess(text)
    concept = next(c for c in result.concepts if c.label == label)
    assert concept.status == "historical", result.as_dict()
    assert trigger in (concept.trigger or ""), concept
    assert not result.escalate


def test_followed_pointing_back_covers_the_sentence(assess) -> None:
    result = assess("our baby's legs are stiff and weak, the physio sees her weekly")
    assert statuses(result)["WEAKNESS"] == "historical"
    assert "followed_ref" in result.frames or "followed" in result.frames


@pytest.mark.parametrize(
    "text",
    [
        # a time anchor keeps the sign present whatever else its clause says
        "I've had weakness in my legs for years but since this morning I can't lift my arm",
        "the numbness went away last spring, but since yesterday it's back in both hands",
        "He had a stroke in 2019 and recovered well. Since this morning his face is drooping again.",
        # a sign that went away the same day still counts (a passing episode is a warning)
        "this morning my arm went numb for ten minutes and then it went away",
        "my mum's speech went weird for about five minutes this morning and then it came back to normal",
    ],
)
def test_recent_onset_or_recurrence_keeps_a_sign_present(assess, text: str) -> None:
    assert assess(text).level == "emergency", assess(text).as_dict()


# --- 3. someone else's story, a study question ------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "For my nursing exam: why can a head injury cause clonus and weakness?",
        "I'm a physio student. Is sudden weakness with clonus a sign of a stroke?",
        "A friend told me her uncle suddenly couldn't speak and his leg was jerking. How common is that?",
        "I read about a man who fell off a ladder and developed clonus afterwards.",
        "I watched a documentary where a man had a fever, was confused and kept jerking.",
        "I'm writing an essay on upper motor neuron signs. Why do clonus and weakness go together?",
    ],
)
def test_second_hand_stories_and_study_questions_are_informational(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()
    assert {"study", "second_hand"} & set(result.frames)


@pytest.mark.parametrize(
    "text",
    [
        "I'm with my neighbour right now and she suddenly can't get her words out",
        "My mum just told me she can't see out of her left eye",
        "I'm a nursing student, my mum's face is drooping on one side",
        # places, media and family members telling are no second-hand story
        "my daughter fainted in the exam and is not responding",
        "I was on facebook when my wife suddenly couldn't speak",
        "my husband told me his arm went numb and then he collapsed",
        "I saw that his face was drooping",
        "I'm a student nurse, she collapsed and is fitting",
    ],
)
def test_someone_with_the_sign_now_is_no_story(assess, text: str) -> None:
    assert assess(text).level == "emergency", assess(text).as_dict()


# --- 4. a sign after a negation, a shrug or a long preamble ----------------------

@pytest.mark.parametrize(
    "text",
    [
        "No numbness, but my head suddenly hurts more than it ever has and my leg keeps jerking.",
        "no weakness no numbness, I just need to know if this sudden jerking that started twenty minutes ago is dangerous",
        "It's probably nothing, but my face feels numb on the right side",
        "nothing serious I think, just that my words keep coming out in the wrong order",
        "Hi, I've had MS for fifteen years and see my neurologist twice a year. "
        "Anyway, since I woke up this morning I can't feel my left hand properly.",
        "I had numbness in my leg years ago. Today my arm is numb.",
    ],
)
def test_a_sign_after_a_negation_shrug_or_preamble_counts(assess, text: str) -> None:
    assert assess(text).level == "emergency", assess(text).as_dict()


def test_negation_scope_ends_at_but(assess) -> None:
    result = assess("No numbness, but my head suddenly hurts more than it ever has")
    assert statuses(result)["NUMBNESS"] == "negated"
    assert statuses(result)["HEADACHE"] == "present"


# --- 5. lay wording of every seed sign ------------------------------------------

@pytest.mark.parametrize(
    "text, sign",
    [
        ("got a thunderclap headache an hour ago", "severe_headache"),
        ("worst headache of my life, it came on in a second", "severe_headache"),
        ("a headache hit me like a hammer blow twenty minutes ago", "severe_headache"),
        ("her voice has gone thick and slow", "speech"),
        ("his words keep coming out in the wrong order", "speech"),
        ("she's talking but her speech sounds garbled", "speech"),
        ("my right arm has gone dead and heavy", "weakness"),
        ("his leg feels like a lump of wood", "weakness"),
        ("my arm won't do what I tell it to", "weakness"),
        ("dad's face looks lopsided", "stroke_signs"),
        ("her smile only goes up on one side", "stroke_signs"),
        ("his smile is crooked since he woke up", "stroke_signs"),
        ("he has a fever and he's all muddled", "fever_neuro"),
        ("she's burning up and keeps saying strange things", "fever_neuro"),
        ("started a new antidepressant and now I'm sweating, shivering and agitated", "serotonin_syndrome"),
        ("new pills for my depression and now a fever and I feel on edge", "serotonin_syndrome"),
        ("my sight suddenly went blurry in one eye", "vision"),
        ("a grey shadow came down over my left eye", "vision"),
        ("I've lost the vision in one eye, probably just tiredness", "vision"),
        ("my son knocked his head at lunchtime and hours later his leg started jerking", "trauma"),
        ("toddler took a knock to the head and now his hand keeps jerking", "trauma"),
        ("she can't swallow her own spit", "breathing_swallowing"),
        ("he's struggling to get his breath", "breathing_swallowing"),
        ("the spasms are so bad she can hardly breathe", "breathing_swallowing"),
    ],
)
def test_lay_wording_of_every_sign(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()
    assert sign in sign_keys(result), result.as_dict()


def test_a_harmless_explanation_does_not_hide_a_sign(assess) -> None:
    text = "everything looks blurry out of one eye since lunch, it was probably caused by the new glasses"
    assert "vision" in sign_keys(assess(text))


# --- 6. a known long-term condition ---------------------------------------------

def test_weakness_in_a_lifelong_condition_is_part_of_its_picture(assess) -> None:
    result = assess("My 12 year old has spastic diplegia. His legs are weak and stiff.")
    assert statuses(result)["WEAKNESS"] == "historical" and not result.escalate


def test_the_condition_picture_never_covers_acute_signs(assess) -> None:
    result = assess("I have cerebral palsy. My face is drooping and my legs are weak.")
    assert result.level == "emergency" and "stroke_signs" in sign_keys(result)


def test_a_relapsing_condition_alone_does_not_explain_weakness(assess) -> None:
    assert assess("I have MS and my arm is weak").level == "emergency"
    assert not assess("I was diagnosed with MS in 2010. I have weakness in my right leg.").escalate


def test_a_followed_or_long_standing_problem_without_a_condition_explains_nothing_else(assess) -> None:
    assert assess("My physio sees me weekly. My left arm is weak and I can't lift it.").level == "emergency"
    assert assess("I've had back pain for years. My left arm is weak and I can't lift it.").level == "emergency"


def test_a_condition_asked_about_is_no_known_condition(assess) -> None:
    assert assess("my legs are weak and numb, could it be cerebral palsy?").escalate


def test_known_liver_disease_explains_habitual_muddled_spells_but_not_with_fever(assess) -> None:
    assert not assess("mum has hepatic encephalopathy and gets confused").escalate
    assert not assess("My wife has cirrhosis and her liver team are treating her. She gets muddled on bad days.").escalate
    assert assess("my dad has liver disease and is confused").level == "emergency"  # no history given
    assert assess("my dad has liver disease and gets confused, today he has a fever").level == "emergency"


# --- 7. graded levels ------------------------------------------------------------

def test_getting_worse_stays_urgent(assess) -> None:
    assert assess("my dad's ankle keeps jerking and it's getting worse every day").level == "urgent"
    assert assess("the clonus used to come once a week, this week it's every day and lasting longer").level == "urgent"


def test_worse_under_a_condition_is_no_progression(assess) -> None:
    assert not assess("is it normal for clonus to get worse when I'm tired?").escalate
    assert assess("the jerking is getting worse every night").level == "urgent"


def test_a_serotonergic_medicine_with_jerking_alone_is_urgent(assess) -> None:
    result = assess("they put me on escitalopram and now my calf keeps twitching")
    assert result.level == "urgent" and "serotonergic_with_jerks" in sign_keys(result)


@pytest.mark.parametrize("feature", ["having a fever", "agitated", "feeling confused", "sweating a lot", "shivering"])
def test_a_serotonergic_medicine_with_a_feature_is_an_emergency(assess, feature: str) -> None:
    result = assess(f"they put me on escitalopram, now my calf keeps twitching and I'm {feature}")
    assert result.level == "emergency" and "serotonin_syndrome" in sign_keys(result), result.as_dict()


def test_a_medicine_history_without_current_features_does_not_escalate(assess) -> None:
    for text in ["I was on sertraline and tramadol together a few years ago and had some jerking back then",
                 "I've taken venlafaxine at the same dose for six years and I get ankle clonus"]:
        assert not assess(text).escalate, assess(text).as_dict()


# --- 7b. session 5 (issue 14): dated events, gradual change, names, courses, habits ---

@pytest.mark.parametrize(
    "text",
    [
        "I can see and talk fine, the ankle jerking has been there since my 2011 accident, is it harmful?",
        "I've had ankle clonus for twenty years, since my motorbike accident. Any new treatments?",
        "my leg spasms started after a 2016 car crash, can physio help?",
    ],
)
def test_a_dated_event_is_past(assess, text: str) -> None:
    result = assess(text)
    assert statuses(result)["TRAUMA"] == "historical", result.as_dict()
    assert not result.escalate


@pytest.mark.parametrize(
    "text",
    [
        "since his accident yesterday his leg keeps jerking",
        "I fell off my bike this morning and now my ankle is jerking",
        "since her fall her hand has been jerking",
    ],
)
def test_an_undated_or_recent_event_still_counts(assess, text: str) -> None:
    assert assess(text).level == "emergency", assess(text).as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "Over the past six months the clonus in my ankle seems to happen a little more often.",
        "His spasms have gradually got worse over several months, nothing sudden.",
        "Very slowly over a couple of years my ankles have started to jerk more often on stairs.",
    ],
)
def test_a_gradual_change_is_no_acute_worsening(assess, text: str) -> None:
    result = assess(text)
    assert statuses(result)["WORSENING"] == "historical" and not result.escalate, result.as_dict()


def test_a_day_to_day_change_stays_urgent_even_when_slow(assess) -> None:
    assert assess("the jerking in his ankle is slowly getting worse every day").level == "urgent"
    assert assess("each day this week the clonus has spread a bit further up his leg").level == "urgent"


def test_a_habit_every_day_is_no_worsening(assess) -> None:
    assert not assess("she walks the dog every day now and her foot still bounces on the stairs").escalate


def test_restless_legs_is_a_name_not_agitation(assess) -> None:
    assert not assess("my legs twitch when I lie down, my GP thinks it's restless legs").escalate
    assert assess("my legs keep twitching and I'm restless and sweating").level == "emergency"


def test_a_first_aid_course_is_a_study_frame(assess) -> None:
    result = assess("In our first aid class the trainer said a crooked smile and slurred words mean you call an ambulance.")
    assert not result.escalate and "study" in result.frames, result.as_dict()


def test_steady_improvement_points_back(assess) -> None:
    result = assess("her balance has been poor since surgery but it has steadily improved with physio")
    assert statuses(result)["COORDINATION"] == "historical" and not result.escalate


def test_jerking_noticed_as_a_habit_after_a_new_serotonergic_medicine_is_urgent(assess) -> None:
    result = assess("My doctor started me on sertraline five days ago. Since then my ankles jerk when I stretch my feet.")
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize(
    "text, sign",
    [
        ("my calf started pulsing in quick jerks from nowhere", "sudden_onset"),
        ("his foot started beating up and down all at once", "sudden_onset"),
        ("her right arm just went limp on the table", "weakness"),
        ("I keep missing the door handle and I'm walking like I'm on a boat", "coordination"),
        ("only half of my face moved when I smiled", "stroke_signs"),
        ("a headache exploded in the back of my head an hour ago", "severe_headache"),
        ("she says it feels like being hit with a bat", "severe_headache"),
        ("my wife says I sound drunk but I haven't had a drink", "speech"),
        ("he is talking drunk but he hasn't touched a drop", "speech"),
    ],
)
def test_more_lay_wording(assess, text: str, sign: str) -> None:
    result = assess(text)
    assert result.level == "emergency" and sign in sign_keys(result), result.as_dict()


# --- 7c. session 6 (issue 14): new jerking, typo'd onset, dated past, verbless lists ---

@pytest.mark.parametrize(
    "text",
    [
        "my foot has never done this before and it's jerking in a rhythm right now",
        "first time ever, my wrist is twitching in quick regular beats at my desk",
        "she has never had any spasms, and sudenly her legs are jerking in a rhythm",
        "his knee started jerking up and down with no warning while he sat reading",
    ],
)
def test_new_jerking_never_had_before_has_begun_suddenly(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency" and sign_keys(result) & {"sudden_onset", "first_ever_jerking"}, result.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "my leg jerked once in bed last night, never had that before, just a hypnic jerk as I dozed off",
        "the first time ever I noticed my ankle bouncing was in 2012",
        "I've never had any jerking, only the stiffness from my MS",
    ],
)
def test_a_single_jolt_or_a_dated_first_time_is_no_new_jerking(assess, text: str) -> None:
    assert not assess(text).escalate, assess(text).as_dict()


def test_a_dated_past_beats_suddenly_only_in_a_past_tense_clause(assess) -> None:
    past = assess("years ago my neighbour suddenly couldn't speak and his leg was jerking. Was that a stroke?")
    assert not past.escalate, past.as_dict()
    now = assess("I had a stroke years ago and suddenly my arm is weak")
    assert now.level == "emergency", now.as_dict()


def test_a_verbless_list_continues_a_dated_clause(assess) -> None:
    result = assess("In 2019 I had a reaction to tramadol with my antidepressant, sweating and shaking, and was treated.")
    assert not result.escalate, result.as_dict()
    # a clause with a subject is a statement of its own
    own = assess("clonus used to be once a day, now it's nonstop and I choke when I try to eat")
    assert own.level == "emergency", own.as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "I had double vision in a relapse last year. It hasn't come back. Only the foot clonus now.",
        "her face drooped for a while after her stroke five years ago but her smile is back",
        "after my stroke I couldn't talk properly for a few weeks, but speech therapy fixed it",
    ],
)
def test_resolved_told_as_not_back_function_back_or_fixed(assess, text: str) -> None:
    assert not assess(text).escalate, assess(text).as_dict()


def test_a_knock_sorted_at_home_still_counts(assess) -> None:
    assert assess("I banged my head on the cupboard, my wife sorted it with ice, now my arm keeps jerking").level == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "his physio calls it increased tone and his ankles jerk more in winter",
        "could caffeine be making the twitching worse?",
        "we have a care plan for when his jerking gets worse",
    ],
)
def test_seasons_tone_causes_and_plans_are_no_progression(assess, text: str) -> None:
    assert not assess(text).escalate, assess(text).as_dict()


@pytest.mark.parametrize(
    "text",
    [
        "each morning this week the jerking has lasted longer than the day before",
        "her leg spasms have stepped up day after day since the weekend",
    ],
)
def test_day_to_day_worsening_is_urgent_not_emergency(assess, text: str) -> None:
    assert assess(text).level == "urgent", assess(text).as_dict()


def test_one_serotonergic_medicine_with_a_few_beats_is_urgent(assess) -> None:
    result = assess("the pain clinic started me on oxycodone four days ago and my ankle beats a few times when I flex it")
    assert result.level == "urgent", result.as_dict()


def test_a_stiff_neck_needs_a_fever_or_a_headache(assess) -> None:
    assert not assess("stiff neck and shoulders from my laptop, no headache, and my shoulder twitches").escalate
    assert assess("I have a fever and a stiff neck and my legs are jerking").level == "emergency"
    assert assess("this one came on like a thunderbolt and my neck is stiff").level == "emergency"


def test_known_liver_disease_explains_habitual_irritability(assess) -> None:
    result = assess("my partner with liver failure gets irritable and sleepy some evenings and a bit twitchy, "
                    "his doctors know. No fever.")
    assert not result.escalate, result.as_dict()
    assert assess("my partner with liver failure is agitated, his arms are jerking and he has a high fever").level == "emergency"


def test_long_standing_told_as_been_there_or_this_way_since(assess) -> None:
    assert not assess("the foot jerking has been there a long time").escalate
    assert not assess("my legs jerk when I transfer. It's been this way since my injury.").escalate
    assert assess("since my fall this morning my legs jerk when I transfer").level == "emergency"


def test_a_leg_that_will_not_hold_the_weight_is_weakness(assess) -> None:
    assert "weakness" in sign_keys(assess("today my right leg won't hold me up and the ankle keeps juddering"))


# --- 8. the pattern mini-language ------------------------------------------------

def test_groups_nest_and_numbers_match() -> None:
    assert expand("worst pain * (ever|of (my|her) life)") == [
        ["worst", "pain", "*", "ever"], ["worst", "pain", "*", "of", "my", "life"],
        ["worst", "pain", "*", "of", "her", "life"]]
    assert expand("for (#num|a few)? years") == [["for", "#num", "years"], ["for", "a", "few", "years"],
                                                 ["for", "years"]]
    with pytest.raises(ValueError):
        expand("(a|b")


def test_every_context_rule_group_names_its_source() -> None:
    rules = yaml.safe_load((paths.KNOWLEDGE / "context_rules.yml").read_text(encoding="utf-8"))
    for key, value in rules.items():
        if isinstance(value, dict):
            assert value.get("source"), key


# --- 9. the development stories meet the targets ---------------------------------

#: Development sets whose figures are below the targets: they are checked at their current
#: level (recall: an expected failure that turns into an error as soon as the set passes,
#: so the mark is then removed; false alarms: at most the number measured) and reported.
#: dev_stories_6 was the narrative test set until session 5, dev_stories_9 until session 6
#: (see their headers).
RECALL_NOT_YET: Dict[str, str] = {
    # (dev_stories_28: 'Restarted my paroxetine last week after a break over the summer ...', urgent, was read
    # as historical (session 13, rf21); session 17 (issue 14, rf29a): the nearer recent date in the clause
    # dates the restart, bot/nlp/context.py)
}
#: (dev_stories_7's two false alarms, a verbless clause after a dated one and a story of
#: long ago told with "suddenly", were fixed in session 6)
FALSE_ALARMS_AT_MOST: Dict[str, int] = {
    # (dev_stories_17: rf10's five look-alikes of session 10 (a fever "gone now", legs like jelly
    # "then they recover", a smile crooked "in the photo because I was laughing", a baby's "first
    # made-up words", pins and needles "4 yrs ... doc knows") are fixed by session 11's round-9
    # rules (rf14): 0/40, held to the target)
    # session 10 (issue 14, rf12): 2/23 rules alone (9/23 before the round); session 11 (rf14):
    # 1/23, the fever that "went" beside usual spasms (K8-d) fixed; the slow course of a known
    # disease told of speech "over several years" (K26) stays open (dating it would also date
    # a sudden change told in the next clause without naming the sign)
    "dev_stories_19": 1,
}
FALSE_ALARM_TARGET = 0.03


def _story_params(marks: Dict[str, str]) -> list:
    return [pytest.param(p, id=p.stem, marks=pytest.mark.xfail(strict=True, reason=marks[p.stem]))
            if p.stem in marks else pytest.param(p, id=p.stem) for p in STORY_FILES]


@pytest.mark.parametrize("path", _story_params(RECALL_NOT_YET))
def test_every_development_emergency_escalates(assess, path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missed = [v["text"] for v in data["emergency"] if assess(v["text"]).level != "emergency"]
    missed += [v["text"] for v in data.get("urgent") or [] if not assess(v["text"]).escalate]
    assert not missed, missed


@pytest.mark.parametrize("path", _story_params({}))
def test_false_alarms_per_development_set(assess, path: Path) -> None:
    """Each set's false alarms are reported; a set listed in FALSE_ALARMS_AT_MOST may not get
    worse than its measured level, the others are held to the target."""
    stories = [v["text"] for v in yaml.safe_load(path.read_text(encoding="utf-8"))["not_emergency"]]
    alarms = [t for t in stories if assess(t).escalate]
    print(f"\n{path.name}: false alarms {len(alarms)}/{len(stories)}")
    ceiling = FALSE_ALARMS_AT_MOST.get(path.stem)
    if ceiling is not None:
        assert len(alarms) <= ceiling, alarms
    else:
        assert len(alarms) <= max(1, int(FALSE_ALARM_TARGET * len(stories))), alarms


def test_false_alarms_on_development_stories(assess) -> None:
    """At most 3 % of all the non-emergency development stories escalate."""
    stories = [v["text"] for path in STORY_FILES
               for v in yaml.safe_load(path.read_text(encoding="utf-8"))["not_emergency"]]
    assert len(stories) >= 150
    alarms = [t for t in stories if assess(t).escalate]
    assert len(alarms) <= FALSE_ALARM_TARGET * len(stories), alarms
