"""The clonus information assistant: the project's own Python package, by job.

- Understand: ``bot.nlp`` (the project-built spaCy pipeline), ``bot.nlu`` (custom Rasa NLU
  components), ``bot.policies`` (custom dialogue policies).
- Know: ``bot.knowledge`` (loaders of the versioned ``knowledge/*.yml`` files: sources and
  topics, red flags, specialists, emergency numbers); ``bot.places`` (where the user is) and
  ``bot.directory`` (the practitioner directory).
- Serve: ``bot.channels`` (input channels), ``bot.serve`` (starting and stopping the servers).
- Maintain: ``bot.maintain`` (validate, evaluate, review, scaffold a topic, benchmark).

At the top: ``cli`` (``python -m bot ...``), ``paths``, ``constants``, ``fingerprint`` and
``training`` (model cache), ``rasa_patches``.
"""

__version__ = "0.1.0"
