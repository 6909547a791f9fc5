"""The project-built spaCy pipeline (no pretrained model is downloaded).

``build_pipeline()`` assembles ``spacy.blank("en")`` plus the project's components;
``python -m bot.nlp.build`` packages it with ``spacy package`` and installs it, so
``spacy.load(PACKAGE_NAME)`` works from anywhere (Rasa refers to it by name in
``config.yml``).
"""

from bot.nlp.pipeline import PACKAGE_NAME, PIPELINE_NAME, PIPELINE_VERSION, build_pipeline

__all__ = ["PACKAGE_NAME", "PIPELINE_NAME", "PIPELINE_VERSION", "build_pipeline"]
