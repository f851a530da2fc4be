"""The application: the JSON API under ``/api`` and the dashboard, served by one FastAPI app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import eventwire
from eventwire.api.headers import SecurityHeaders
from eventwire.api.ingest import HttpIngest
from eventwire.api.limits import BodyLimit
from eventwire.api.params import BadParameter
from eventwire.api.routes import Services
from eventwire.api.routes import router as api_router
from eventwire.api.settings import ApiSettings
from eventwire.errors import EventwireError, StoreError
from eventwire.store import Store
from eventwire.store.queries import NotFoundError, Queries

logger = logging.getLogger(__name__)

DESCRIPTION = """Evidence-linked event data extracted from news: articles, actors, quotes,
events and places, each with character offsets into the article text.

Read-only unless the server enables ingest. Errors are JSON: `{"error", "message", "details"}`.
"""


class ConfigError(EventwireError):
    """The server settings contradict each other."""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(request: Request, status: int, message: str, details: Any = None) -> Response:
    error = HTTPStatus(status).phrase.lower()
    if _wants_json(request):
        return JSONResponse(
            {"error": error, "message": message, "details": details}, status_code=status
        )
    from eventwire.web.pages import render_error

    return render_error(request, status, error, message)


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        message = str(error.detail) if error.detail else HTTPStatus(error.status_code).phrase
        if error.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = _error(request, error.status_code, message)
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        details = [
            {
                "where": ".".join(str(part) for part in item.get("loc", ())),
                "problem": item.get("msg", ""),
            }
            for item in error.errors()
        ]
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
        return _error(request, 422, message, details)

    async def bad_parameter(request: Request, error: Exception) -> Response:
        return _error(request, 422, str(error), [{"where": getattr(error, "name", "")}])

    async def not_found(request: Request, error: Exception) -> Response:
        return _error(request, 404, str(error))

    async def store_error(request: Request, error: Exception) -> Response:
        logger.error("%s", error)
        return _error(request, 503, f"the database cannot be read now: {error}")

    async def value_error(request: Request, error: Exception) -> Response:
        return _error(request, 422, str(error))

    async def unexpected(request: Request, error: Exception) -> Response:
        logger.exception("unexpected error on %s", request.url.path, exc_info=error)
        return _error(request, 500, "internal error; the server log has the details")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(BadParameter, bad_parameter)
    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(ValueError, value_error)
    app.add_exception_handler(Exception, unexpected)


def create_app(settings: ApiSettings | None = None, *, store: Store | None = None) -> FastAPI:
    """Build the app: the JSON API under ``/api`` (OpenAPI at ``/api/openapi.json``) and the
    dashboard at ``/``.

    Args:
        settings: server settings; default from ``EVENTWIRE_API_*`` environment variables.
        store: an open store to serve (the app then leaves it open); default opens
            ``settings.db`` and closes it when the app stops.

    Raises:
        ConfigError: ingest is on but no token is set.
        StoreError: the database cannot be opened.
    """
    settings = settings or ApiSettings()
    if settings.ingest and (settings.token is None or not settings.token.get_secret_value()):
        raise ConfigError(
            "ingest over HTTP needs a token: set EVENTWIRE_API_TOKEN (a long random string)"
        )
    owned = store is None
    opened = store if store is not None else Store(settings.db)
    queries = Queries(opened)
    services = Services(
        settings=settings,
        store=opened,
        queries=queries,
        ingest=HttpIngest(opened) if settings.ingest else None,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        queries.search_index.ensure()
        yield
        if owned:
            opened.close()

    app = FastAPI(
        title="eventwire",
        version=eventwire.__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; the dashboard's API page lists endpoints
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    _install_error_handlers(app)
    app.include_router(api_router, prefix="/api", tags=["api"])

    from eventwire.web.pages import router as web_router

    app.include_router(web_router, include_in_schema=False)
    app.mount("/static", StaticFiles(packages=[("eventwire.web", "static")]), name="static")

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app
