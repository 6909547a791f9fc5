"""Understand: the custom Rasa NLU graph components of the clonus assistant."""
