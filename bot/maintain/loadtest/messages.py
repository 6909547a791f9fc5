"""What the simulated users of ``make loadtest`` say: short chats written for the load test.

Written for the load test (not taken from the training data, the held-in NLU test set or
the red-flag test sets; ``tests/unit/test_loadtest_messages.py`` checks the test sets):
an opener, two or three topic questions, a closing line. One conversation in
``RED_FLAG_EVERY`` describes an emergency instead of its last question, and the user
checks that the escalation (``ESCALATION_MARK``, the wording of the domain's urgent
response) arrives.

Standard library only: the locustfile (in Locust's own virtual environment) imports it.
"""

from __future__ import annotations

import random

#: One conversation in this many carries a red flag.
RED_FLAG_EVERY = 20

#: Part of every urgent escalation (domain.yml ``utter_red_flag_urgent``); the unit test
#: checks that the domain still says it. Plain words: survives the widget's escaping.
ESCALATION_MARK = "could be a medical emergency"

OPENERS: tuple[str, ...] = (
    "hello",
    "hi, I have a question",
    "hey there",
    "good evening",
    "hi, can you help me with something",
)

TOPIC_QUESTIONS: tuple[str, ...] = (
    "what is clonus in simple words",
    "why does my ankle bounce when I press on the pedal",
    "what conditions usually cause clonus",
    "can a stroke lead to clonus",
    "is clonus linked to multiple sclerosis",
    "can medication give you clonus",
    "how do doctors test a person for clonus",
    "how many beats of clonus are still normal",
    "what can be done to treat clonus",
    "does physiotherapy help with clonus",
    "is clonus dangerous",
    "what kind of doctor deals with clonus",
    "is clonus just another word for a shaky tremor",
    "can clonus happen in the wrist too",
    "does clonus ever stop by itself",
    "what does sustained clonus mean",
)

CLOSERS: tuple[str, ...] = (
    "thank you",
    "thanks, that was useful",
    "ok thanks, bye",
    "great, thanks for the help",
)

#: Emergencies described the way people type them (written for the load test).
RED_FLAGS: tuple[str, ...] = (
    "my husband suddenly can't lift his right arm and his foot keeps jerking",
    "my sister's face dropped on one side a few minutes ago and her leg is twitching",
    "my father is suddenly confused and slurring and his ankle is shaking rhythmically",
)


def is_red_flag(number: int) -> bool:
    """Whether conversation ``number`` (from 0, per Locust process) carries a red flag."""
    return number % RED_FLAG_EVERY == RED_FLAG_EVERY - 1


def conversation(number: int, seed: int = 0) -> list[str]:
    """The messages of conversation ``number``: opener, 2-3 questions, closer; a red-flag
    conversation tells its emergency after the first question and ends there (a person
    told to call the emergency number leaves the chat)."""
    rng = random.Random(seed * 1_000_003 + number)
    questions = rng.sample(TOPIC_QUESTIONS, rng.choice((2, 3)))
    if is_red_flag(number):
        return [rng.choice(OPENERS), questions[0], rng.choice(RED_FLAGS)]
    return [rng.choice(OPENERS), *questions, rng.choice(CLOSERS)]


def all_messages() -> list[str]:
    """Every message a simulated user can send."""
    return [*OPENERS, *TOPIC_QUESTIONS, *CLOSERS, *RED_FLAGS]
