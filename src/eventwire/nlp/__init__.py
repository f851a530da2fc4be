"""spaCy components and model loading. Importing this package registers the components."""

from __future__ import annotations

from eventwire.nlp.actors import ActorRecognizer
from eventwire.nlp.model import COMPONENTS, build_nlp, load_model

__all__ = ["COMPONENTS", "ActorRecognizer", "build_nlp", "load_model"]
