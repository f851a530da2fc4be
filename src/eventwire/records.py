"""The records eventwire produces: the stable output contract (``"schema": "eventwire/1"``).

Every extracted item carries character offsets into ``Article.text``. Field names are stable:
fields may be added, never renamed. ``to_dict`` gives the JSON form printed by
``eventwire extract``; ``from_dict`` reads it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "eventwire/1"

#: How an actor mention was recognised.
MENTION_HOWS = (
    "name",
    "alias",
    "acronym",
    "surname",
    "demonym",
    "description",
    "pronoun",
    "metonym",
)


def content_hash(text: str) -> str:
    """Return the content hash of an article text (sha256 of its UTF-8 bytes, 16 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True, frozen=True)
class Span:
    """A piece of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(slots=True, frozen=True)
class Mention:
    """One mention of an actor or place, with how it was recognised."""

    start: int
    end: int
    text: str
    how: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "how": self.how}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]), str(data["how"]))


@dataclass(slots=True, frozen=True)
class Removed:
    """A span of ``Article.text`` left out of analysis, with the reason."""

    start: int
    end: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removed:
        return cls(int(data["start"]), int(data["end"]), str(data["reason"]))


@dataclass(slots=True)
class Article:
    """An article: the text every offset points into, and its metadata."""

    id: str
    hash: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str = "en"
    credits: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hash": self.hash,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "credits": list(self.credits),
            "removed": [r.to_dict() for r in self.removed],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            hash=data["hash"],
            text=data["text"],
            title=data.get("title"),
            url=data.get("url"),
            source=data.get("source"),
            published=data.get("published"),
            language=data.get("language", "en"),
            credits=list(data.get("credits", [])),
            removed=[Removed.from_dict(r) for r in data.get("removed", [])],
        )


@dataclass(slots=True)
class Actor:
    """One real-world actor in an article, with every mention of it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    member_of: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "roles": list(self.roles),
            "member_of": self.member_of,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            country=data.get("country"),
            sector=data.get("sector"),
            roles=list(data.get("roles", [])),
            member_of=data.get("member_of"),
            aliases=list(data.get("aliases", [])),
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
        )


@dataclass(slots=True)
class Quote:
    """Who said what: a direct, mixed or indirect quote.

    ``content`` runs from the first to the last word said; when the quote is interrupted (by
    its cue: ``"…," he said. "…"``, or by the end of a paragraph), ``parts`` lists the pieces
    that were said, in order, and is empty otherwise.
    """

    id: str
    kind: str
    content: Span
    cue: Span | None = None
    speaker_span: Span | None = None
    speaker: str | None = None
    parts: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
            "speaker": self.speaker,
            "parts": [p.to_dict() for p in self.parts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            id=data["id"],
            kind=data["kind"],
            content=Span.from_dict(data["content"]),
            cue=Span.from_dict(data["cue"]) if data.get("cue") else None,
            speaker_span=Span.from_dict(data["speaker_span"]) if data.get("speaker_span") else None,
            speaker=data.get("speaker"),
            parts=[Span.from_dict(p) for p in data.get("parts", [])],
        )


#: Where an event's status comes from: the words around its trigger.
EVENT_STATUSES = ("asserted", "reported", "hypothetical", "conditional", "future", "negated")

#: Where an event's date comes from: a date expression in the text, or the publication date.
DATE_SOURCES = ("text", "published")

#: How an event was found: a verb, a light verb and event noun, a fixed phrase, a verb governing
#: another event ("vowed to respond"), or an event noun alone.
EVENT_HOWS = ("verb", "light", "phrase", "frame", "nominal")


@dataclass(slots=True)
class Event:
    """Who did what to whom: one PLOVER-coded event with its evidence.

    ``source`` and ``target`` are actor ids; ``source_spans`` and ``target_spans`` are the words
    that name them in the sentence (kept when no actor could be resolved). ``quad`` is PLOVER's
    quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    conflict); ``date_source`` says whether ``date`` came from the text or the publication date.
    """

    id: str
    type: str
    trigger: Span
    sentence: Span
    mode: str | None = None
    cameo: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    status: str = "asserted"
    place: str | None = None
    date: str | None = None
    intensity: float | None = None
    confidence: float = 0.0
    quad: int | None = None
    date_source: str | None = None
    source_spans: list[Span] = field(default_factory=list)
    target_spans: list[Span] = field(default_factory=list)
    how: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad": self.quad,
            "source": list(self.source),
            "target": list(self.target),
            "source_spans": [s.to_dict() for s in self.source_spans],
            "target_spans": [s.to_dict() for s in self.target_spans],
            "trigger": self.trigger.to_dict(),
            "sentence": self.sentence.to_dict(),
            "status": self.status,
            "place": self.place,
            "date": self.date,
            "date_source": self.date_source,
            "intensity": self.intensity,
            "confidence": self.confidence,
            "how": self.how,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"],
            type=data["type"],
            trigger=Span.from_dict(data["trigger"]),
            sentence=Span.from_dict(data["sentence"]),
            mode=data.get("mode"),
            cameo=data.get("cameo"),
            source=list(data.get("source", [])),
            target=list(data.get("target", [])),
            status=data.get("status", "asserted"),
            place=data.get("place"),
            date=data.get("date"),
            intensity=data.get("intensity"),
            confidence=float(data.get("confidence", 0.0)),
            quad=data.get("quad"),
            date_source=data.get("date_source"),
            source_spans=[Span.from_dict(x) for x in data.get("source_spans", [])],
            target_spans=[Span.from_dict(x) for x in data.get("target_spans", [])],
            how=data.get("how"),
        )


@dataclass(slots=True)
class Place:
    """A resolved place with its mentions."""

    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            id=data["id"],
            name=data["name"],
            country=data.get("country"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            geonameid=data.get("geonameid"),
            feature=data.get("feature"),
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
        )


@dataclass(slots=True)
class DateMention:
    """A date expression and the date it stands for, resolved against the publication date.

    ``value`` is an ISO 8601 date at the expression's grain: ``2019-02-23`` (day), ``2019-W08``
    (week), ``2019-02`` (month), ``2019`` (year); None when it cannot be resolved (a relative
    expression without a publication date, or one no rule reads), the text still kept.
    """

    id: str
    start: int
    end: int
    text: str
    value: str | None = None
    grain: str | None = None
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "grain": self.grain,
            "relative": self.relative,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateMention:
        return cls(
            id=data["id"],
            start=int(data["start"]),
            end=int(data["end"]),
            text=data["text"],
            value=data.get("value"),
            grain=data.get("grain"),
            relative=bool(data.get("relative", False)),
        )


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=Article.from_dict(data["article"]),
            actors=[Actor.from_dict(a) for a in data.get("actors", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            events=[Event.from_dict(e) for e in data.get("events", [])],
            places=[Place.from_dict(p) for p in data.get("places", [])],
            dates=[DateMention.from_dict(d) for d in data.get("dates", [])],
        )


@dataclass(slots=True, frozen=True)
class Failure:
    """An input that could not be processed: which one, and why."""

    input: str
    reason: str
    stage: str = "ingest"

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "reason": self.reason, "stage": self.stage}
