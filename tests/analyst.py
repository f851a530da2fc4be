"""A small invented corpus with every kind of record, for the API, dashboard and report tests.

The stages that fill quotes, events and places are built elsewhere; these extractions follow the
eventwire/1 contract so the analyst interface can be tested on all of it. One article is hostile:
its text, title, source, actor names and quotes are full of markup that must never run.
"""

from __future__ import annotations

import re
from typing import Any

from eventwire.records import Extraction, content_hash

#: Markup that would run if any page put article data into HTML unescaped.
HOSTILE = (
    '<script>window.__pwned = "script";</script>'
    "<img src=x onerror=\"window.__pwned='img'\">"
    "<svg onload=\"window.__pwned='svg'\"></svg>"
)


def _spans(text: str, part: str) -> list[dict[str, Any]]:
    found = [m.start() for m in re.finditer(re.escape(part), text)]
    if not found:
        raise ValueError(f"{part!r} is not in the text")
    return [{"start": s, "end": s + len(part), "text": part} for s in found]


def _span(text: str, part: str) -> dict[str, Any]:
    return _spans(text, part)[0]


def _sentence(text: str, part: str) -> dict[str, Any]:
    at = text.index(part)
    stop = text.rfind(". ", 0, at)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, at) + 1)
    end = text.find(".", at)
    end = len(text) if end < 0 else end + 1
    return {"start": start, "end": end, "text": text[start:end]}


def make(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    actors: list[tuple[str, str, str, str | None, str | None, list[str]]] = (),  # type: ignore[assignment]
    quotes: list[tuple[str, str, str, str | None, str | None, str | None]] = (),  # type: ignore[assignment]
    places: list[tuple[str, str, str | None, float | None, float | None, str]] = (),  # type: ignore[assignment]
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> Extraction:
    """Build an extraction; every span is found in ``text`` by its words.

    actors: (id, name, kind, country, sector, [mention texts]); quotes: (id, kind, content,
    cue, speaker words, speaker id); places: (id, name, country, lat, lon, mention text);
    events: dicts with ``trigger`` words and the other event fields.
    """
    aid = id or content_hash(text)
    record: dict[str, Any] = {
        "article": {
            "id": aid,
            "hash": content_hash(text),
            "title": title,
            "url": f"https://example.org/{aid}" if id else None,
            "source": source,
            "published": published,
            "language": "en",
            "text": text,
            "credits": [],
            "removed": [],
        },
        "actors": [
            {
                "id": actor_id,
                "name": name,
                "kind": kind,
                "country": country,
                "sector": sector,
                "roles": [],
                "member_of": None,
                "aliases": [m for m in said if m != name][:2],
                "mentions": [
                    {**span, "how": "name" if m == name else "alias"}
                    for m in said
                    for span in _spans(text, m)
                ],
            }
            for actor_id, name, kind, country, sector, said in actors
        ],
        "quotes": [
            {
                "id": quote_id,
                "kind": kind,
                "content": _span(text, content),
                "cue": _span(text, cue) if cue else None,
                "speaker_span": _span(text, speaker_words) if speaker_words else None,
                "speaker": speaker,
            }
            for quote_id, kind, content, cue, speaker_words, speaker in quotes
        ],
        "events": [
            {
                "mode": None,
                "cameo": None,
                "source": [],
                "target": [],
                "status": "asserted",
                "place": None,
                "date": None,
                "intensity": None,
                "confidence": 0.8,
                **{k: v for k, v in event.items() if k != "trigger"},
                "trigger": _span(text, event["trigger"]),
                "sentence": _sentence(text, event["trigger"]),
            }
            for event in events
        ],
        "places": [
            {
                "id": place_id,
                "name": name,
                "country": country,
                "lat": lat,
                "lon": lon,
                "geonameid": None,
                "feature": "city",
                "mentions": [{**s, "how": "name"} for s in _spans(text, mention)],
            }
            for place_id, name, country, lat, lon, mention in places
        ],
    }
    return Extraction.from_dict(record)


VEN_TEXT = (
    "The National Liberation Army (ELN) threatened Venezuela on Monday, days after fighters "
    "crossed the border near Caracas.\n\n"
    'President Nicolás Maduro accused the ELN of smuggling arms. "We will not be intimidated '
    'by criminals," Maduro said in a televised address.\n\n'
    "Venezuela and Colombia agreed to hold talks in Caracas next week."
)

COL_TEXT = (
    "ELN fighters attacked an army base in Cúcuta on Wednesday, killing two soldiers, the "
    "Colombian army said.\n\n"
    "Colombia accused the ELN of breaking its promise. Defence minister Ana Ruiz said the "
    "attack would not go unanswered.\n\n"
    "Colombia deployed troops to Cúcuta on Thursday."
)

KEN_TEXT = (
    "Thousands of teachers marched through Nairobi on Tuesday to protest unpaid wages.\n\n"
    '"We have waited for eight months," said union leader Grace Wanjiru.\n\n'
    "The Kenyan government rejected the union's demands."
)

PHL_TEXT = (
    "The Philippine government and the Lumad People's Army signed a ceasefire in Kuala Lumpur "
    "on Friday after talks brokered by Malaysia.\n\n"
    '"This is a new beginning," said chief negotiator Rosa Dimaculangan.'
)

UNDATED_TEXT = (
    "Venezuela accused Colombia of harbouring rebels, in a statement read on state television."
)

HOSTILE_TEXT = (
    f"Officials {HOSTILE} in Caracas said the <b>ELN</b> threatened "
    f"<a href=\"javascript:window.__pwned='link'\">Venezuela</a>.\n\n"
    f'"<script>window.__pwned = "quote";</script> we will strike," said the '
    "<i onmouseover=\"window.__pwned='hover'\">commander</i>."
)


def corpus() -> list[Extraction]:
    """Return the test corpus: six articles from February 2026, one of them hostile."""
    return [
        make(
            VEN_TEXT,
            id="ven-1",
            title="ELN threatens Venezuela as Maduro hits back",
            published="2026-02-09",
            source="Andes Wire",
            actors=[
                (
                    "A1",
                    "National Liberation Army",
                    "GROUP",
                    "COL",
                    "REB",
                    ["National Liberation Army", "ELN"],
                ),
                ("A2", "Venezuela", "COUNTRY", "VEN", "GOV", ["Venezuela"]),
                ("A3", "Nicolás Maduro", "PERSON", "VEN", "GOV", ["Nicolás Maduro", "Maduro"]),
                ("A4", "Colombia", "COUNTRY", "COL", "GOV", ["Colombia"]),
            ],
            quotes=[
                (
                    "Q1",
                    "direct",
                    "We will not be intimidated by criminals,",
                    "said",
                    "Maduro",
                    "A3",
                ),
            ],
            places=[("P1", "Caracas", "VEN", 10.48801, -66.87919, "Caracas")],
            events=[
                {
                    "id": "E1",
                    "type": "THREATEN",
                    "trigger": "threatened",
                    "source": ["A1"],
                    "target": ["A2"],
                    "date": "2026-02-09",
                    "intensity": -6.0,
                    "place": "P1",
                },
                {
                    "id": "E2",
                    "type": "ACCUSE",
                    "trigger": "accused",
                    "source": ["A3"],
                    "target": ["A1"],
                    "date": "2026-02-10",
                    "intensity": -4.0,
                    "status": "reported",
                },
                {
                    "id": "E3",
                    "type": "AGREE",
                    "trigger": "agreed",
                    "source": ["A2", "A4"],
                    "target": [],
                    "date": "2026-02-10",
                    "intensity": 5.0,
                    "status": "future",
                    "place": "P1",
                },
            ],
        ),
        make(
            COL_TEXT,
            id="col-1",
            title="ELN attack on Cúcuta base kills two soldiers",
            published="2026-02-12",
            source="Andes Wire",
            actors=[
                ("A1", "National Liberation Army", "GROUP", "COL", "REB", ["ELN"]),
                ("A2", "Colombia", "COUNTRY", "COL", "GOV", ["Colombia", "Colombian army"]),
                ("A3", "Ana Ruiz", "PERSON", "COL", "MIL", ["Ana Ruiz"]),
            ],
            quotes=[
                ("Q1", "indirect", "the attack would not go unanswered", "said", "Ana Ruiz", "A3"),
            ],
            places=[("P1", "Cúcuta", "COL", 7.89391, -72.50782, "Cúcuta")],
            events=[
                {
                    "id": "E1",
                    "type": "ASSAULT",
                    "trigger": "attacked",
                    "source": ["A1"],
                    "target": ["A2"],
                    "date": "2026-02-11",
                    "intensity": -9.0,
                    "place": "P1",
                    "cameo": "183",
                },
                {
                    "id": "E2",
                    "type": "ACCUSE",
                    "trigger": "accused",
                    "source": ["A2"],
                    "target": ["A1"],
                    "date": "2026-02-12",
                    "intensity": -4.0,
                },
                {
                    "id": "E3",
                    "type": "MOBILIZE",
                    "trigger": "deployed",
                    "source": ["A2"],
                    "target": [],
                    "date": "2026-02-13",
                    "intensity": -5.0,
                    "place": "P1",
                },
            ],
        ),
        make(
            KEN_TEXT,
            id="ken-1",
            title="Kenyan teachers march over unpaid wages",
            published="2026-02-03",
            source="Lakes Daily",
            actors=[
                ("A1", "Grace Wanjiru", "PERSON", "KEN", "LAB", ["Grace Wanjiru"]),
                ("A2", "Kenya", "COUNTRY", "KEN", "GOV", ["Kenyan government"]),
            ],
            quotes=[
                ("Q1", "direct", "We have waited for eight months,", "said", "Grace Wanjiru", "A1")
            ],
            places=[("P1", "Nairobi", "KEN", -1.28333, 36.81667, "Nairobi")],
            events=[
                {
                    "id": "E1",
                    "type": "PROTEST",
                    "trigger": "marched",
                    "source": ["A1"],
                    "target": ["A2"],
                    "date": "2026-02-03",
                    "intensity": -3.0,
                    "place": "P1",
                },
                {
                    "id": "E2",
                    "type": "REJECT",
                    "trigger": "rejected",
                    "source": ["A2"],
                    "target": ["A1"],
                    "date": "2026-02-03",
                    "intensity": -4.0,
                },
            ],
        ),
        make(
            PHL_TEXT,
            id="phl-1",
            title="Ceasefire signed in Kuala Lumpur",
            published="2026-02-06",
            source="Island Post",
            actors=[
                ("A1", "Philippines", "COUNTRY", "PHL", "GOV", ["Philippine government"]),
                ("A2", "Lumad People's Army", "GROUP", "PHL", "REB", ["Lumad People's Army"]),
                ("A3", "Malaysia", "COUNTRY", "MYS", "GOV", ["Malaysia"]),
                ("A4", "Rosa Dimaculangan", "PERSON", "PHL", "GOV", ["Rosa Dimaculangan"]),
            ],
            quotes=[
                ("Q1", "direct", "This is a new beginning,", "said", "Rosa Dimaculangan", "A4")
            ],
            places=[("P1", "Kuala Lumpur", "MYS", 3.1412, 101.68653, "Kuala Lumpur")],
            events=[
                {
                    "id": "E1",
                    "type": "AGREE",
                    "trigger": "signed",
                    "source": ["A1", "A2"],
                    "target": [],
                    "date": "2026-02-06",
                    "intensity": 7.0,
                    "place": "P1",
                },
                {
                    "id": "E2",
                    "type": "CONSULT",
                    "trigger": "talks",
                    "source": ["A3"],
                    "target": ["A1", "A2"],
                    "date": "2026-02-05",
                    "intensity": 4.0,
                },
            ],
        ),
        make(
            UNDATED_TEXT,
            actors=[
                ("A1", "Venezuela", "COUNTRY", "VEN", "GOV", ["Venezuela"]),
                ("A2", "Colombia", "COUNTRY", "COL", "GOV", ["Colombia"]),
            ],
            events=[
                {
                    "id": "E1",
                    "type": "ACCUSE",
                    "trigger": "accused",
                    "source": ["A1"],
                    "target": ["A2"],
                    "intensity": -4.0,
                },
            ],
        ),
        make(
            HOSTILE_TEXT,
            id="hostile-1",
            title=f"Hostile {HOSTILE} headline",
            published="2026-02-11",
            source='<script>window.__pwned="source"</script>Evil Wire',
            actors=[
                (
                    "A1",
                    "<b onmouseover=\"window.__pwned='actor'\">ELN</b>",
                    "GROUP",
                    "COL",
                    "REB",
                    ["<b>ELN</b>"],
                ),
                ("A2", "Venezuela", "COUNTRY", "VEN", "GOV", ["Venezuela"]),
            ],
            quotes=[
                (
                    "Q1",
                    "direct",
                    '<script>window.__pwned = "quote";</script> we will strike,',
                    "said",
                    "commander",
                    None,
                ),
            ],
            places=[
                (
                    "P1",
                    "<script>window.__pwned='place'</script>Caracas",
                    "VEN",
                    10.5,
                    -66.9,
                    "Caracas",
                )
            ],
            events=[
                {
                    "id": "E1",
                    "type": "THREATEN",
                    "trigger": "threatened",
                    "source": ["A1"],
                    "target": ["A2"],
                    "date": "2026-02-11",
                    "intensity": -6.0,
                    "place": "P1",
                },
            ],
        ),
    ]
