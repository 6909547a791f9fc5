"""Custom Rasa NLU graph components of the clonus assistant."""
