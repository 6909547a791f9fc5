"""Session 8 (issue 14, rf5): the kinds an independent judge reported missed or over-read
(kinds only, no sentence of the independent sets), read by the rules alone
(knowledge/red_flags.yml, knowledge/context_rules.yml, bot/nlp/context.py,
bot/nlp/denial_lists.py).

Emergencies: a thunderclap told in many words, the severity far from the head; fever with
drowsiness or answers that make no sense; a limb gone floppy within the last hour in a
lifelong spastic condition; "not" inside the description of a sign. Urgent: a serotonergic
medicine begun within the last weeks with jerking; first-ever jerking told with "whenever".
Their near twins: a recovery or a date that covers the sign, a long denied list, fiction
and "X says" stories, a pain elsewhere called the worst ever. Sentences written for these
tests (not taken from any red-flag set)."""

from __future__ import annotations

import pytest

from bot.knowledge.red_flags import Assessment


def statuses(result: Assessment) -> dict:
    return {c.label: c.status for c in result.concepts}


@pytest.mark.parametrize("text", [
    # a. the severity far from the head
    "it was the most terrible pain she has ever felt, like a bomb went off, right at the back of her head",
    "a pain so bad he was sick, at the base of his skull, it started in the shower",
    "the worst pain I have ever had in my entire life, behind my eyes",
    "my gran got very very severe pain, she said never in her life such pain, top of her head",
    # b. fever with drowsiness or muddled answers
    "my boy has a temperature and is so drowsy he keeps nodding off at the table",
    "she is burning up and we can hardly wake her",
    "fever since Tuesday and today he is not giving proper answers",
    "high temperature and she doesn't seem to know where she is",
    # c. a limb gone floppy in the last hour, lifelong condition
    "my daughter has had CP all her life but within the past hour her left arm has gone floppy",
    # d. "not" inside the sign
    "he is not moving his left arm at all",
    "she's not able to get her words out",
])
def test_emergencies_told_at_length_escalate(assess, text: str) -> None:
    result = assess(text)
    assert result.level == "emergency", result.as_dict()


@pytest.mark.parametrize("text", [
    "since I started citalopram a few days ago my calf twitches in jerks",
    "whenever she stands now her foot bounces, it never did that before",
    "every time he walks his knee jerks, this is totally new for him",
])
def test_a_recent_start_and_first_ever_jerking_escalate(assess, text: str) -> None:
    assert assess(text).level in {"urgent", "emergency"}


@pytest.mark.parametrize("text", [
    # g. a date or recovery covers the sign; "back at work" is no recurrence
    "in 2018 she had a brain bleed with a terrible headache and she is back at work now",
    "my friend says his legs went weak after a fall last season, he's fine now",
    # h. a long denied list
    "she denies headache, double vision, slurred speech, facial droop, leg weakness or numbness",
    # i. fiction
    "in the book I'm reading the hero suddenly can't speak, is that realistic?",
    "a character in the show I watch has slurred words and numbness, what causes that?",
    # a. the worst pain somewhere else; b. a child bouncing around after a fever
    "the worst pain I have ever known was a kidney stone, can that cause clonus?",
    "he had a fever yesterday but today he is bouncing around as usual",
    # d. not seeing well without glasses, not making sense of homework
    "my mum can't see well without her glasses, is that linked to clonus?",
    "he is not making sense of his homework and his foot taps, any tips?",
])
def test_near_twins_do_not_escalate(assess, text: str) -> None:
    result = assess(text)
    assert not result.escalate, result.as_dict()


def test_a_denied_list_ends_at_a_statement(assess) -> None:
    """A subject, a verb or "but" ends the denied list: the sign after it stays present."""
    result = assess("he denies fever, rash, stiff neck, vomiting, but his arm went weak an hour ago")
    assert result.level == "emergency" and statuses(result)["WEAKNESS"] == "present"
    result = assess("no fever, no rash, no stiff neck, no vomiting, her arm is weak since lunch")
    assert result.level == "emergency"
    listed = assess("she denies headache, double vision, slurred speech, facial droop, leg weakness or numbness")
    assert statuses(listed)["NUMBNESS"] == "negated" and statuses(listed)["WEAKNESS"] == "negated"


def test_someone_with_the_writer_who_says_so_now_is_present(assess) -> None:
    assert assess("my colleague says she can't feel her left arm right now").level == "emergency"
    assert assess("my neighbour is here with me and says her face went numb ten minutes ago").level == "emergency"


def test_drowsiness_alone_is_no_sign(assess) -> None:
    """Drowsiness escalates only with a fever (FindADoctor 2026: fever with neurological changes)."""
    assert not assess("he gets very sleepy after lunch, is that normal?").escalate
    assert assess("he is very sleepy and has a high temperature").level == "emergency"


def test_a_thunderclap_phrase_still_wins_alone(assess) -> None:
    """The new severe-pain phrases never shadow the older headache patterns."""
    for text in ("it hit like a thunderclap", "worst pain ever, came on in seconds",
                 "the worst pain of my life"):
        assert assess(text).level == "emergency", text
