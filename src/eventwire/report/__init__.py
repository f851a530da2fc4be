"""Situation reports: a self-contained HTML or Markdown summary of the events in the database.

``build_report(store, ReportScope(country="VEN", since=…), "html")`` returns the document:
event counts by type over time, the most active actors and dyads, the escalation trend (mean
intensity and share of conflict events, first half against second half of the period), key
quotes, and a map of event places as inline SVG. Everything comes from the database; nothing is
fetched. Text from articles is escaped for the format (HTML entities, Markdown punctuation).
"""

from __future__ import annotations

import base64
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

import eventwire
from eventwire.knowledge.quads import quads
from eventwire.store import Store
from eventwire.store.queries import EventFilter, Queries
from eventwire.web import charts

logger = logging.getLogger(__name__)

#: Report formats.
FORMATS = ("html", "md")

#: Rows in the actor, dyad and quote tables.
TOP = 10

#: A change of mean intensity (on the −10 … +10 scale) smaller than this is "stable".
TREND_THRESHOLD = 1.0

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#!|<>~&])")


@dataclass(slots=True, frozen=True)
class ReportScope:
    """Which events a report covers.

    Attributes:
        country: ISO alpha-3: events placed in it or involving its actors.
        since, until: event dates (inclusive).
    """

    country: str | None = None
    since: date | None = None
    until: date | None = None

    def describe(self) -> str:
        parts = [f"country {self.country}" if self.country else "all countries"]
        if self.since or self.until:
            parts.append(f"{self.since or '…'} to {self.until or '…'}")
        else:
            parts.append("all dates")
        return ", ".join(parts)


def md_escape(value: object) -> str:
    """Escape text for Markdown: punctuation that formats, and line breaks, become literal.

    >>> print(md_escape("*ELN* | <b>"))
    \\*ELN\\* \\| \\<b\\>
    """
    text = " ".join(str(value if value is not None else "").split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def _interval(first: str | None, last: str | None) -> str:
    if not first or not last:
        return "day"
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return "day" if days <= 62 else "week" if days <= 2 * 365 else "month"


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _trend(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Compare the first and second half (by date) of the rated, dated events."""
    conflict = {"verbal conflict", "material conflict"}
    dated = sorted((e for e in events if e["date"]), key=lambda e: (e["date"], e["id"]))
    half = len(dated) // 2
    halves = [dated[:half], dated[half:]] if len(dated) >= 2 else [[], dated]
    summary = []
    for part in halves:
        rated = [float(e["intensity"]) for e in part if e["intensity"] is not None]
        summary.append(
            {
                "from": part[0]["date"] if part else None,
                "to": part[-1]["date"] if part else None,
                "events": len(part),
                "mean_intensity": _mean(rated),
                "conflict_share": round(sum(e["quad"] in conflict for e in part) / len(part), 2)
                if part
                else None,
            }
        )
    first, second = summary[0]["mean_intensity"], summary[1]["mean_intensity"]
    if first is None or second is None:
        verdict = "not enough rated events to tell"
    elif second <= first - TREND_THRESHOLD:
        verdict = "escalating"
    elif second >= first + TREND_THRESHOLD:
        verdict = "de-escalating"
    else:
        verdict = "stable"
    return {"halves": summary, "verdict": verdict}


def collect(queries: Queries, scope: ReportScope) -> dict[str, Any]:
    """Gather what a report shows, as plain data (the templates only lay it out)."""
    where = EventFilter(country=scope.country, since=scope.since, until=scope.until)
    events = list(queries.iter_events(where))
    dates = sorted(e["date"] for e in events if e["date"])
    interval = _interval(dates[0] if dates else None, dates[-1] if dates else None)
    by_type = queries.timeseries(where, by="type", interval=interval)
    by_quad = queries.timeseries(where, by="quad", interval=interval)

    involved: dict[str, Counter[str]] = defaultdict(Counter)
    intensity: dict[str, list[float]] = defaultdict(list)
    for event in events:
        for role in ("source", "target"):
            for name in {a["name"] for a in event[role] if a["name"]}:
                involved[name][role] += 1
                involved[name]["events"] += 1
                if event["intensity"] is not None:
                    intensity[name].append(float(event["intensity"]))
    actors: list[dict[str, Any]] = [
        {
            "name": name,
            "events": counts["events"],
            "as_source": counts["source"],
            "as_target": counts["target"],
            "mean_intensity": _mean(intensity[name]),
        }
        for name, counts in sorted(involved.items(), key=lambda kv: (-kv[1]["events"], kv[0]))[:TOP]
    ]
    dyads = queries.network(where, limit=500).edges[:TOP]
    quotes: list[dict[str, Any]] = []
    for actor in actors:
        found = queries.quotes(
            speaker=actor["name"], since=scope.since, until=scope.until, limit=20
        ).items
        # direct words first, then the fuller ones
        found.sort(
            key=lambda q: (q["kind"] != "direct", -len((q["content"] or {}).get("text", "")))
        )
        quotes.extend(found[:2])
    quotes = quotes[:TOP]
    places = queries.event_places(where)
    type_totals = Counter(e["type"] for e in events)
    quad_table = quads()
    return {
        "scope": scope,
        "events": len(events),
        "articles": len({e["article_id"] for e in events}),
        "undated": sum(1 for e in events if not e["date"]),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "interval": interval,
        "by_type": by_type,
        "by_quad": by_quad,
        "type_totals": [
            (t, n, quad_table.of_type.get(t, "unknown")) for t, n in type_totals.most_common()
        ],
        "quad_totals": Counter(e["quad"] or "unknown" for e in events),
        "status_totals": Counter(e["status"] for e in events),
        "actors": actors,
        "dyads": dyads,
        "trend": _trend(events),
        "quotes": quotes,
        "places": places[:TOP],
    }


@cache
def _environment(autoescape: bool) -> Environment:
    environment = Environment(
        loader=PackageLoader("eventwire.report", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = md_escape
    environment.filters["signed"] = lambda v: "–" if v is None else f"{float(v):+.1f}"
    environment.filters["percent"] = lambda v: "–" if v is None else f"{100 * float(v):.0f}%"
    return environment


def _data_uri(svg: Markup) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode("utf-8")).decode()


def build_report(
    store: Store,
    scope: ReportScope | None = None,
    fmt: str = "html",
    *,
    generated: datetime | None = None,
) -> str:
    """Return a situation report on the events in ``store`` within ``scope``.

    Args:
        store: the database to report on.
        scope: country and date range; default everything.
        fmt: ``html`` (one self-contained file, charts and map inline) or ``md`` (Markdown;
            charts and map as inline SVG data-URI images).
        generated: the time printed as "generated at" (default now, UTC).

    Raises:
        ValueError: ``fmt`` is not a known format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    scope = scope or ReportScope()
    data = collect(Queries(store), scope)
    timeline = charts.timeline(
        data["by_type"]["series"],
        data["by_type"]["buckets"],
        None,
        label=f"Events per {data['interval']} by type",
    )
    escalation = charts.timeline(
        data["by_quad"]["series"],
        data["by_quad"]["buckets"],
        data["by_quad"]["intensity"],
        label=f"Events per {data['interval']} by quad, with mean intensity",
    )
    map_svg = charts.world_map(data["places"], fit=True, label="Event places")
    context = {
        **data,
        "title": f"Situation report: {scope.describe()}",
        "generated": (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        "database": store.name,
        "version": eventwire.__version__,
        "timeline_svg": timeline,
        "escalation_svg": escalation,
        "map_svg": map_svg,
    }
    if fmt == "md":
        context.update(
            timeline_uri=_data_uri(timeline),
            escalation_uri=_data_uri(escalation),
            map_uri=_data_uri(map_svg),
        )
        return _environment(False).get_template("report.md").render(context)
    return _environment(True).get_template("report.html").render(context)


__all__ = ["FORMATS", "ReportScope", "build_report", "collect", "md_escape"]
