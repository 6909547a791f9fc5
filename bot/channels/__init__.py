"""Hardened Rasa input channels (see ``bot.channels.text`` for the shared input rules).

Importing this package (Rasa does, through ``credentials.yml``) also applies the
project's Rasa performance patches (``bot.rasa_patches``).
"""

from bot import rasa_patches

rasa_patches.apply()
