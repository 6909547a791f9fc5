"""The messages ``make bench`` sends, the same list to our assistant and to Rasa's starter bot.

Written for the benchmark (not taken from the training data or the held-in test set): short
topic questions as people type them, greetings and thanks, and a few long story-like messages
(40-80 words) whose featurization and red-flag scan cost more than a short question's. None
describes an emergency, so the figures measure ordinary turns; both bots answer every one
(the starter bot with its greet / mood / goodbye replies).
"""

from __future__ import annotations

SHORT_QUESTIONS: tuple[str, ...] = (
    "what is clonus exactly",
    "why do my calves keep jerking",
    "is clonus the same thing as shaking from cold",
    "could clonus be a sign of ms",
    "which medicines can bring on clonus",
    "is a few beats of clonus normal in healthy people",
    "how does a doctor check for it",
    "what treatments are there",
    "will it ever go away on its own",
    "is it ok to do sport with clonus",
    "does stretching help",
    "how serious is clonus",
    "why only my left foot",
    "difference between clonus and myoclonus",
    "what does it feel like",
    "who should i see about it",
)

GREETINGS_AND_THANKS: tuple[str, ...] = (
    "hi there",
    "good morning",
    "thanks a lot",
    "thank you, that helps",
    "bye for now",
)

#: 40-80 words each (``tests/unit/test_bench_helpers.py`` checks the range).
STORIES: tuple[str, ...] = (
    "Since my spinal surgery last spring I have noticed that when I press my foot down on "
    "the car pedal my ankle starts bouncing up and down by itself for a few seconds, and it "
    "stops when I lift the foot. My physiotherapist used the word clonus. What does that "
    "actually mean and why does it happen?",
    "My mother is seventy two and had a stroke two years ago. When she stands up from her "
    "chair her right leg sometimes shakes in a steady rhythm and she has to wait until it "
    "settles before walking. Her neurologist is aware of it. Is this the kind of thing "
    "people call clonus, and can anything be done to make it calmer?",
    "I am a student nurse and during a placement I watched a doctor flex a patient's foot "
    "upwards quickly and hold it there, and the foot kept beating for a while. I would like "
    "to understand how that test works, what counts as a normal result and what a long run "
    "of beats tells the team.",
    "For a few months my legs have been twitching in bed at night, sometimes a single jump "
    "and sometimes a short burst of rhythmic jerks around the ankle. I read online that this "
    "could be clonus or could be something harmless. How can I tell the difference, and "
    "which kind of specialist should I ask about it?",
)

#: One pass of the benchmark: a greeting, questions, a story every few questions, thanks.
MESSAGES: tuple[str, ...] = (
    GREETINGS_AND_THANKS[0],
    *SHORT_QUESTIONS[:4], STORIES[0],
    *SHORT_QUESTIONS[4:8], GREETINGS_AND_THANKS[2],
    GREETINGS_AND_THANKS[1], STORIES[1],
    *SHORT_QUESTIONS[8:12], STORIES[2],
    *SHORT_QUESTIONS[12:], GREETINGS_AND_THANKS[3],
    STORIES[3], GREETINGS_AND_THANKS[4],
)
