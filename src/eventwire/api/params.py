"""Query parameters shared by the API and the dashboard, validated with clear messages.

Empty values (what an HTML form sends for a field left blank) mean "no filter".
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Query

from eventwire.knowledge.quads import quads
from eventwire.store.queries import EventFilter

#: Event statuses of the eventwire/1 contract.
STATUSES = ("asserted", "reported", "hypothetical", "conditional", "future", "negated")

_ALPHA3 = re.compile(r"^[A-Za-z]{3}$")

#: Longest free-text parameter accepted.
MAX_TEXT = 200


class BadParameter(ValueError):
    """A query parameter has a value the server cannot use; the message says which and why."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_day(name: str, value: str | None) -> date | None:
    """Return the date in ``value`` (YYYY-MM-DD), None when blank.

    Raises:
        BadParameter: the value is not a date.
    """
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def parse_country(value: str | None) -> str | None:
    """Return an ISO 3166 alpha-3 code in upper case, None when blank.

    Raises:
        BadParameter: the value is not three letters.
    """
    value = _blank(value)
    if value is None:
        return None
    if not _ALPHA3.match(value):
        raise BadParameter("country", f"{value!r} is not an ISO 3166 alpha-3 code such as VEN")
    return value.upper()


Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def event_filter(
    type: Annotated[
        list[str],
        Query(description="PLOVER event types (repeat for several)", max_length=16),
    ] = [],  # noqa: B006 - FastAPI reads the default, it is never mutated
    quad: Annotated[
        str | None,
        Query(max_length=40, description="quad: a name such as 'material conflict', or 1-4"),
    ] = None,
    status: Annotated[str | None, Query(max_length=20, description="event status")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="actor name")] = None,
    country: Annotated[
        str | None,
        Query(max_length=40, description="ISO alpha-3: the place's country or an actor's"),
    ] = None,
    place: Annotated[str | None, Query(max_length=MAX_TEXT, description="place name")] = None,
    since: Annotated[str | None, Query(max_length=10, description="from date YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(max_length=10, description="to date YYYY-MM-DD")] = None,
    article: Annotated[str | None, Query(max_length=MAX_TEXT, description="article id")] = None,
) -> EventFilter:
    """Read the event filter from the query string.

    Raises:
        BadParameter: a value is not one the filter knows.
    """
    table = quads()
    types = tuple(t.strip().upper() for t in type if t.strip())
    for value in types:
        if value not in table.of_type:
            known = ", ".join(table.of_type)
            raise BadParameter("type", f"unknown event type {value!r}; use one of {known}")
    quad = _blank(quad)
    if quad is not None and table.normalize(quad) is None:
        known = ", ".join(table.names)
        raise BadParameter("quad", f"unknown quad {quad!r}; use one of {known}, or 1-4")
    status = _blank(status)
    if status is not None and status.lower() not in STATUSES:
        raise BadParameter("status", f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    first, last = parse_day("since", since), parse_day("until", until)
    if first and last and first > last:
        raise BadParameter("since", f"since ({first}) is after until ({last})")
    return EventFilter(
        types=types,
        quad=table.normalize(quad) if quad else None,
        status=status.lower() if status else None,
        actor=_blank(actor),
        country=parse_country(country),
        place=_blank(place),
        since=first,
        until=last,
        article=_blank(article),
    )
