"""Understand: custom Rasa dialogue policies (which step comes next)."""
