"""Maintain: the maintainers' tools (validate, evaluate, review, scaffold a topic, benchmark)."""
