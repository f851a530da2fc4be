"""The HTTP API (FastAPI) and the app that also serves the dashboard: ``create_app``."""

from __future__ import annotations

from eventwire.api.app import ConfigError, create_app
from eventwire.api.settings import ApiSettings

__all__ = ["ApiSettings", "ConfigError", "create_app"]
