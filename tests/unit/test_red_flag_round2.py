"""Session 8 (issue 14, rf6): the judge's round-2 kinds (K1-K12 of the report on
narratives_4.yml; kinds only, no sentence of the independent sets nor the judge's own
examples), read by the rules alone (knowledge/red_flags.yml, knowledge/context_rules.yml,
bot/nlp/context.py, bot/nlp/denial_lists.py).

Emergencies: lay vocabulary (a drink back through the nose, not able to swallow, not coming
round after resuscitation, a person hot or roasting with drowsiness, "has no feeling" at a
clause end, a side gone floppy, speech gone, only sounds, thick words); a thunderclap told as
the head going bang or exploding, a blinding, crushing or sudden pain with a place on the head;
"not" inside the sign ("speech is not clear", a hand "not holding"); frames that are no
hypothetical or denial ("ask whether", "the carers say", "than is normal for her"); a sign
after a denied item with its own time. Urgent (lead's policy): first-ever jerking dated days
ago, and serotonergic starts told as "N days into", "gave him", "the psychiatrist added".
Worsening told as "more and more", "more spasms than before", "day after day" (urgent, and
no longer an emergency through an appointment "can't see him" or a normal temperature). Their twins: month and season dates, "back to her normal self", a cord injury, "since many
years", babbling infants, chatter nonstop, constant for ages, worse first thing, a denial
list opened by the negation's own verb or closed by "I have none of them", "missing a step"
as one drifts off. Sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.conftest import sign_keys


@pytest.mark.parametrize("text", [
    'every sip of juice comes back through her nostrils since this afternoon',
    'he is not able to swallow his tablets since lunch',
    'after the paramedics resuscitated her she still has not woken up',
    "she won't come round after the cpr and her hand twitches",
    "my daughter is boiling and so drowsy she won't look at us",
    'he has been hot since teatime and is very sleepy',
    'since an hour her left foot has no feeling',
    'his right side suddenly went all floppy',
    'his speech has vanished and he only makes noises',
    'her words sound thick and slow since dinner',
    'my head went bang at the top while I was straining, worst ever',
    'like my head exploded at the back, I feel sick',
    'a crushing pain at the top of my head hit me ten minutes ago',
    'a sudden stabbing pain on the left side of my head',
    'since morning his talking is not clear at all',
    'from this morning her left hand is not holding the spoon',
    "I'd like to ask whether it is fine that since tea time my right arm is numb",
    'the carers say he chokes on every mouthful since yesterday',
    'she has a temperature and is more muddled than is normal for her',
    "I haven't got any fever, but since twenty minutes my face is drooping on one side",
    'my leg started jerking half an hour ago, it has never done that before',
])
def test_round2_emergencies_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    'since Saturday his knee jerks, it never did that before',
    'my wrist began twitching two days ago, never had anything like it',
    'a week ago my foot began to bounce by itself, completely new for me',
    'ten days into citalopram and my thighs keep jerking',
    'the GP gave him tramadol on top of his sertraline and now his calves jerk',
    "she's taken paroxetine for years and a week ago the psychiatrist added lithium, now her ankles jerk",
])
def test_round2_urgent_stories_are_urgent(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize("text", [
    "in June 2020 his speech was slurred after a small stroke, that's his clonus story",
    'during the winter of 2017 I had a head injury and blurred vision, all fine since',
    'she had a fever and was muddled in August, she is back to her normal self',
    'my brother has a cord injury and his legs spasm daily, what helps?',
    'since many years my foot jerks on stairs after her paralysis, nothing new',
    'my 10 month old is babbling away, the physio checks her ankles',
    'she chats nonstop and her foot bounces, is that clonus?',
    'the twitching in my feet has been constant for ages, what helps?',
    'his spasms are worse first thing and ease by lunch',
    "I don't have any numbness, double vision, slurred speech or weakness, only clonus",
    'blurred vision, slurred words, weakness: the doctor asked about all of these and I have none of them',
    'I want to ask whether clonus is linked to MS',
    'the nurse asked if I had any weakness and I said no',
    "as I drift off my leg kicks out like I'm missing a step",
])
def test_round2_look_alikes_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


@pytest.mark.parametrize("text", [
    "his ankle started jerking this morning and he has never had that before",
    "suddenly since saturday her calf jerks, never had anything like it",
    "my knee began jerking on its own, it has never happened before",
    "I started a new tablet on monday and this morning my leg began jerking, never had this before",
])
def test_first_ever_jerking_today_suddenly_or_undated_stays_an_emergency(assess, text: str) -> None:
    """Lead's policy (session 8): only a start dated days ago makes first-ever jerking urgent."""
    assert assess(text).level == "emergency", assess(text).as_dict()


def test_first_ever_jerking_dated_days_ago_with_another_sign_is_an_emergency(assess) -> None:
    result = assess("since tuesday her knee jerks, never did that before, and her speech is slurred")
    assert result.level == "emergency" and "speech" in sign_keys(result)
    assert "first_ever_jerking_days" in sign_keys(result)


def test_a_denial_after_a_list_does_not_reach_a_sign_told_as_a_statement(assess) -> None:
    """Only a plain list that opens the sentence is denied by "I have none of them"."""
    result = assess("her face drooped an hour ago and she can't lift her arm: she has none of the other signs")
    assert result.level == "emergency", result.as_dict()


def test_a_new_change_dated_days_ago_is_not_dated_by_an_old_habit(assess) -> None:
    """A medicine taken for years and a change dated days ago in the same clause."""
    old = assess("I've taken venlafaxine at the same dose for six years and I get ankle clonus")
    assert not old.escalate
    assert assess("I've taken venlafaxine for six years and four days ago my gp added tramadol, "
                  "now my ankles jerk").level == "urgent"


@pytest.mark.parametrize("text", [
    "since tuesday there are more spasms than before in her legs",
    "every day since the weekend the jerking comes more and more",
    "his spasms are slowly getting worse, day after day",
    "the jumping in her calf gets worse every day",
    # false concepts that made these emergencies (an appointment, a normal temperature)
    "his clonus is getting worse each day and the neurologist can't see him before january",
    "her ankle jerks are stronger every day and she needs help with her boots",
    "I started sertraline 5 days ago, my legs jerk in a rhythm, my temperature is normal and I feel calm",
])
def test_worsening_told_in_lay_words_is_urgent_not_an_emergency(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "urgent", result.as_dict()


@pytest.mark.parametrize("text", [
    "since this morning everything on her left side is gone, she bumps the door",
    "she can't get her words out",
    "he can't see anything on his right since lunch",
])
def test_half_the_field_and_words_that_will_not_come_stay_emergencies(assess, text: str) -> None:
    assert assess(text).level == "emergency", assess(text).as_dict()
