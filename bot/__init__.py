"""The clonus information assistant: the project's own Python package.

Sub-packages:
- ``bot.nlp``: the project-built spaCy pipeline (blank English + project components).
- ``bot.nlu``: custom Rasa NLU graph components.
- ``bot.channels``: hardened input channels (REST, socket.io).
- ``bot.cli``: the ``python -m bot`` command line (shell, bench, fingerprint, ...).
"""

__version__ = "0.1.0"
