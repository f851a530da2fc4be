"""Settings of the HTTP server: ``EVENTWIRE_API_*`` environment variables or CLI flags."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    """Settings of ``eventwire serve``.

    The server is read-only unless ``ingest`` is on, and then ``POST /api/ingest`` needs
    ``Authorization: Bearer <token>``. Set the token in the environment
    (``EVENTWIRE_API_TOKEN``), never on a command line other users can see.
    """

    model_config = SettingsConfigDict(env_prefix="EVENTWIRE_API_", extra="ignore")

    db: str = Field(default="eventwire.db", description="SQLite path or SQLAlchemy URL")
    ingest: bool = Field(default=False, description="accept POST /api/ingest (needs a token)")
    token: SecretStr | None = Field(default=None, description="bearer token for POST /api/ingest")
    max_body_bytes: int = Field(
        default=2_000_000, ge=1_000, description="largest request body accepted, in bytes"
    )
    max_ingest_articles: int = Field(
        default=100, ge=1, description="most articles in one POST /api/ingest"
    )
    max_page: int = Field(default=500, ge=1, description="most items one list request returns")
