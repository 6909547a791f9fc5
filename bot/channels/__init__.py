"""Hardened Rasa input channels (see ``bot.channels.text`` for the shared input rules)."""
