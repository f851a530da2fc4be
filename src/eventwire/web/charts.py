"""Charts as inline SVG, drawn on the server: timeline, bars, actor network and event map.

Used by the dashboard and by the self-contained reports, so they need no JavaScript and no
download. Every piece of text from the database is escaped (``markupsafe.escape``) before it
goes into the markup; each function returns ``Markup`` that can be put in a page as it is.
Links are optional: give a function that builds a URL, or none for a standalone document.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from eventwire.web.worldmap import world_outline

#: Colours of the PLOVER types: greens for cooperation, yellows to reds for conflict.
TYPE_COLOURS = {
    "AGREE": "#2e7d32",
    "CONSULT": "#43a047",
    "SUPPORT": "#7cb342",
    "CONCEDE": "#9ccc65",
    "COOPERATE": "#00838f",
    "AID": "#26a69a",
    "RETREAT": "#80cbc4",
    "REQUEST": "#f9a825",
    "ACCUSE": "#ffa000",
    "REJECT": "#f57c00",
    "SANCTION": "#e65100",
    "THREATEN": "#d84315",
    "PROTEST": "#ad1457",
    "MOBILIZE": "#8e24aa",
    "COERCE": "#c62828",
    "ASSAULT": "#7f0000",
}

QUAD_COLOURS = {
    "verbal cooperation": "#66bb6a",
    "material cooperation": "#1b5e20",
    "verbal conflict": "#ffa000",
    "material conflict": "#c62828",
}

KIND_COLOURS = {
    "PERSON": "#1565c0",
    "ORG": "#6a1b9a",
    "GROUP": "#ef6c00",
    "COUNTRY": "#00897b",
}

_OTHER = ("#78909c", "#8d6e63", "#5c6bc0", "#26c6da", "#d4e157", "#ec407a")

#: Intensity colours: conflict, neutral or unknown, cooperation.
NEGATIVE, NEUTRAL, POSITIVE = "#c62828", "#78909c", "#2e7d32"

Link = Callable[..., str]


def colour(key: str, index: int = 0) -> str:
    """Return the colour of a PLOVER type, a quad or an actor kind (a fallback otherwise)."""
    return (
        TYPE_COLOURS.get(key)
        or QUAD_COLOURS.get(key)
        or KIND_COLOURS.get(key)
        or _OTHER[index % len(_OTHER)]
    )


def intensity_colour(value: float | None) -> str:
    """Return red for conflict, green for cooperation, grey for neutral or unknown."""
    if value is None or abs(value) < 0.5:
        return NEUTRAL
    return NEGATIVE if value < 0 else POSITIVE


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _linked(markup: str, href: str | None) -> str:
    if not href:
        return markup
    return f'<a href="{escape(href)}">{markup}</a>'


def _nice_step(top: float, ticks: int = 4) -> float:
    raw = max(top, 1) / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return max(1.0, factor * magnitude)
    return 10 * magnitude


def _empty(width: int, height: int, message: str, label: str) -> Markup:
    return Markup(
        f'<svg class="chart empty" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="#78909c" '
        f'font-size="14">{escape(message)}</text></svg>'
    )


def timeline(
    series: dict[str, Sequence[int]],
    buckets: Sequence[str],
    intensity: Sequence[float | None] | None = None,
    *,
    width: int = 900,
    height: int = 300,
    link: Link | None = None,
    label: str = "Events over time",
) -> Markup:
    """Stacked bars of event counts per bucket, one colour per series, and the mean intensity.

    Args:
        series: counts per series key (type or quad), one per bucket.
        buckets: the bucket dates (ISO).
        intensity: mean intensity per bucket (None where no event is rated), drawn as a line
            against a −10 … +10 scale on the right.
        width, height: the drawing size.
        link: ``link(bucket, key)`` gives the URL a bar segment opens.
        label: the accessible name of the chart.
    """
    if not buckets or not any(sum(v) for v in series.values()):
        return _empty(width, height, "No dated events match.", label)
    left, right, top, bottom = 44, 44 if intensity else 12, 12, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for values in series.values()) for i in range(len(buckets))]
    step = _nice_step(max(totals))
    y_max = step * math.ceil(max(totals) / step)
    slot = plot_w / len(buckets)
    bar = max(1.0, min(slot * 0.8, 48))
    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="system-ui, sans-serif" font-size="11">'
    ]
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = top + plot_h - plot_h * tick / y_max
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{_num(y)}" y2="{_num(y)}" '
            'stroke="#e0e0e0"/>'
            f'<text x="{left - 6}" y="{_num(y + 4)}" text-anchor="end" fill="#555">'
            f"{_num(tick)}</text>"
        )
        tick += step
    every = max(1, math.ceil(len(buckets) / max(1, plot_w // 70)))
    for index, when in enumerate(buckets):
        x = left + slot * index + (slot - bar) / 2
        base = float(top + plot_h)
        for key, values in series.items():
            count = values[index]
            if not count:
                continue
            h = plot_h * count / y_max
            base -= h
            rect = (
                f'<rect class="bar" x="{_num(x)}" y="{_num(base)}" width="{_num(bar)}" '
                f'height="{_num(h)}" fill="{colour(key)}" data-key="{escape(key)}">'
                f"<title>{escape(when)} · {escape(key)}: {count}</title></rect>"
            )
            parts.append(_linked(rect, link(when, key) if link else None))
        if index % every == 0:
            shown = when[5:] if len(buckets) < 400 else when
            parts.append(
                f'<text x="{_num(left + slot * index + slot / 2)}" y="{top + plot_h + 16}" '
                f'text-anchor="middle" fill="#555">{escape(shown)}</text>'
            )
    if intensity:
        zero = top + plot_h / 2
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{_num(zero)}" y2="{_num(zero)}" '
            'stroke="#90a4ae" stroke-dasharray="4 3"/>'
        )
        for value in (-10, 0, 10):
            y = zero - plot_h / 2 * value / 10
            parts.append(
                f'<text x="{left + plot_w + 6}" y="{_num(y + 4)}" fill="#37474f">{value:+d}</text>'
            )
        points = [
            (left + slot * i + slot / 2, zero - plot_h / 2 * float(v) / 10, v)
            for i, v in enumerate(intensity)
            if v is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{_num(x)},{_num(y)}" for x, y, _ in points)
            parts.append(
                f'<polyline class="intensity" points="{path}" fill="none" stroke="#263238" '
                'stroke-width="2"/>'
            )
        for (x, y, v), when in zip(
            points,
            [b for b, v in zip(buckets, intensity, strict=True) if v is not None],
            strict=True,
        ):
            parts.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="{intensity_colour(v)}" '
                f'stroke="#263238"><title>{escape(when)} · mean intensity {v:+.1f}</title>'
                "</circle>"
            )
    legend_x = left
    legend_y = height - 14
    keys = list(series)
    for index, key in enumerate(keys):
        parts.append(
            f'<rect x="{legend_x}" y="{legend_y - 9}" width="10" height="10" '
            f'fill="{colour(key, index)}"/>'
            f'<text x="{legend_x + 14}" y="{legend_y}" fill="#333">{escape(key)}</text>'
        )
        legend_x += 22 + 7 * len(key)
    if intensity:
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 16}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
            'stroke="#263238" stroke-width="2"/>'
            f'<text x="{legend_x + 20}" y="{legend_y}" fill="#333">mean intensity (right)</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(
    items: Sequence[tuple[str, float]],
    *,
    width: int = 420,
    link: Link | None = None,
    colours: Callable[[str], str] | None = None,
    label: str = "Counts",
) -> Markup:
    """Horizontal bars, one per (label, value), largest first as given.

    Args:
        items: (label, value) pairs.
        width: the drawing width; the height follows from the number of bars.
        link: ``link(label)`` gives the URL a bar opens.
        colours: ``colours(label)`` gives a bar's colour (default: by type, quad or kind).
        label: the accessible name of the chart.
    """
    if not items:
        return _empty(width, 60, "Nothing to show yet.", label)
    row, label_w = 22, min(180, 12 + 7 * max(len(name) for name, _ in items))
    height = row * len(items) + 6
    top_value = max(value for _, value in items) or 1
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="system-ui, sans-serif" font-size="12">'
    ]
    for index, (name, value) in enumerate(items):
        y = 3 + row * index
        w = max(1.0, (width - label_w - 50) * value / top_value)
        fill = colours(name) if colours else colour(name, index)
        shown = name if len(name) <= 26 else name[:25] + "…"
        bar_markup = (
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" fill="#333">'
            f"{escape(shown)}<title>{escape(name)}</title></text>"
            f'<rect x="{label_w}" y="{y + 2}" width="{_num(w)}" height="{row - 6}" rx="2" '
            f'fill="{fill}"/>'
            f'<text x="{_num(label_w + w + 5)}" y="{y + 14}" fill="#555">{_num(value)}</text>'
        )
        parts.append(_linked(f"<g>{bar_markup}</g>", link(name) if link else None))
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(slots=True)
class _Node:
    id: str
    x: float
    y: float
    dx: float = 0.0
    dy: float = 0.0


def _components(nodes: Sequence[str], edges: Sequence[tuple[str, str, float]]) -> list[list[str]]:
    """Connected components (edges taken as undirected), largest first, in node order."""
    neighbours: dict[str, set[str]] = {n: set() for n in nodes}
    for source, target, _ in edges:
        if source in neighbours and target in neighbours:
            neighbours[source].add(target)
            neighbours[target].add(source)
    seen: set[str] = set()
    parts: list[list[str]] = []
    for node in nodes:
        if node in seen:
            continue
        part, stack = [], [node]
        seen.add(node)
        while stack:
            current = stack.pop()
            part.append(current)
            for other in sorted(neighbours[current] - seen):
                seen.add(other)
                stack.append(other)
        order = {n: i for i, n in enumerate(nodes)}
        parts.append(sorted(part, key=order.__getitem__))
    return sorted(parts, key=lambda p: -len(p))


def _force(
    nodes: Sequence[str], edges: Sequence[tuple[str, str, float]], iterations: int
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold layout of one connected graph, scaled to the unit square."""
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    rng = random.Random(len(nodes) * 7919 + len(edges))
    placed = {}
    for index, name in enumerate(nodes):
        angle = index * 2.399963  # golden angle: an even spiral of starting points
        radius = 0.45 * math.sqrt((index + 0.5) / len(nodes))
        placed[name] = _Node(
            name,
            0.5 + radius * math.cos(angle) + rng.uniform(-0.01, 0.01),
            0.5 + radius * math.sin(angle) + rng.uniform(-0.01, 0.01),
        )
    k = math.sqrt(1.0 / len(nodes)) * 0.9
    temperature = 0.1
    items = list(placed.values())
    links = [(placed[s], placed[t], w) for s, t, w in edges if s in placed and t in placed]
    for _ in range(iterations):
        for node in items:
            node.dx = node.dy = 0.0
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                dx, dy = a.x - b.x, a.y - b.y
                distance = max(math.hypot(dx, dy), 1e-3)
                force = k * k / distance
                a.dx += dx / distance * force
                a.dy += dy / distance * force
                b.dx -= dx / distance * force
                b.dy -= dy / distance * force
        for a, b, weight in links:
            dx, dy = a.x - b.x, a.y - b.y
            distance = max(math.hypot(dx, dy), 1e-3)
            force = distance * distance / k * (1 + math.log1p(weight) * 0.3)
            a.dx -= dx / distance * force
            a.dy -= dy / distance * force
            b.dx += dx / distance * force
            b.dy += dy / distance * force
        for node in items:
            length = max(math.hypot(node.dx, node.dy), 1e-9)
            step = min(length, temperature)
            node.x += node.dx / length * step
            node.y += node.dy / length * step
        temperature = max(0.002, temperature * 0.97)
    xs = [n.x for n in items]
    ys = [n.y for n in items]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
    return {
        n.id: (
            0.5 + (n.x - (max(xs) + min(xs)) / 2) / span,
            0.5 + (n.y - (max(ys) + min(ys)) / 2) / span,
        )
        for n in items
    }


def layout(
    nodes: Sequence[str], edges: Sequence[tuple[str, str, float]], iterations: int = 160
) -> dict[str, tuple[float, float]]:
    """Place nodes in the unit square: each connected part laid out by forces
    (Fruchterman–Reingold), the parts packed in rows, bigger parts getting more room.

    Deterministic: the same graph always gets the same picture.

    Args:
        nodes: node ids, most important first.
        edges: (source, target, weight).
        iterations: cooling steps of the force layout.
    """
    if not nodes:
        return {}
    parts = _components(nodes, edges)
    sides = [math.sqrt(len(p)) for p in parts]
    width = max(max(sides), math.sqrt(sum(s * s for s in sides)) * 1.25)
    x = y = row = 0.0
    corners: list[tuple[float, float]] = []
    for side in sides:
        if x > 0 and x + side > width + 1e-9:
            x, y, row = 0.0, y + row, 0.0
        corners.append((x, y))
        x += side
        row = max(row, side)
    height = y + row
    width = max(x0 + s for (x0, _), s in zip(corners, sides, strict=True))
    placed: dict[str, tuple[float, float]] = {}
    for part, side, (cx, cy) in zip(parts, sides, corners, strict=True):
        inner = _force(part, [e for e in edges if e[0] in part and e[1] in part], iterations)
        for node, (px, py) in inner.items():
            # 15% margin inside each part's square keeps parts apart
            placed[node] = (
                (cx + side * (0.15 + 0.7 * px)) / width,
                (cy + side * (0.15 + 0.7 * py)) / height,
            )
    return placed


def network(
    nodes: Sequence[dict[str, Any]],
    edges: Sequence[dict[str, Any]],
    *,
    width: int = 900,
    height: int = 560,
    link: Link | None = None,
    label: str = "Actor network",
) -> Markup:
    """Draw the actor network: arrows from source to target, red for conflict, green for
    cooperation, thicker for more events; circles sized by events, coloured by actor kind.

    Args:
        nodes: ``{"id", "events", "kind"}`` dicts (``Queries.network`` nodes).
        edges: ``{"source", "target", "weight", "intensity", "sign"}`` dicts.
        width, height: the drawing size.
        link: ``link(actor_name)`` gives the URL a node opens.
        label: the accessible name of the chart.
    """
    if not nodes:
        return _empty(width, 200, "No events between actors match.", label)
    ids = [str(n["id"]) for n in nodes]
    where = layout(ids, [(e["source"], e["target"], float(e["weight"])) for e in edges])
    pad = 70
    pos = {
        node: (pad + x * (width - 2 * pad), 30 + y * (height - 60))
        for node, (x, y) in where.items()
    }
    radius = {str(n["id"]): 6 + 3 * math.sqrt(float(n.get("events") or 1)) for n in nodes}
    parts = [
        f'<svg class="chart network" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="system-ui, sans-serif" font-size="12">',
        "<defs>",
    ]
    for name, fill in (("neg", NEGATIVE), ("neu", NEUTRAL), ("pos", POSITIVE)):
        parts.append(
            f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" '
            f'fill="{fill}"/></marker>'
        )
    parts.append("</defs>")
    pairs = {(e["source"], e["target"]) for e in edges}
    for edge in edges:
        source, target = str(edge["source"]), str(edge["target"])
        if source not in pos or target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[source], pos[target]
        distance = max(math.hypot(x2 - x1, y2 - y1), 1e-6)
        ux, uy = (x2 - x1) / distance, (y2 - y1) / distance
        x1, y1 = x1 + ux * radius[source], y1 + uy * radius[source]
        x2, y2 = x2 - ux * (radius[target] + 2), y2 - uy * (radius[target] + 2)
        # both directions present: bend each arrow to its own side
        bend = 18 if (target, source) in pairs else 0
        cx, cy = (x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend
        sign = edge.get("sign") or 0
        name = "neg" if sign < 0 else "pos" if sign > 0 else "neu"
        stroke = intensity_colour(edge.get("intensity"))
        intensity = edge.get("intensity")
        rated = f", mean intensity {intensity:+.1f}" if intensity is not None else ""
        weight = int(edge["weight"])
        parts.append(
            f'<path class="edge" d="M{_num(x1)},{_num(y1)} Q{_num(cx)},{_num(cy)} '
            f'{_num(x2)},{_num(y2)}" fill="none" stroke="{stroke}" stroke-opacity="0.75" '
            f'stroke-width="{_num(1.2 + 1.6 * math.log2(1 + weight))}" '
            f'marker-end="url(#arrow-{name})"><title>{escape(source)} → {escape(target)}: '
            f"{weight} event{'s' if weight != 1 else ''}{escape(rated)}</title></path>"
        )
    for index, node in enumerate(nodes):
        name = str(node["id"])
        x, y = pos[name]
        kind = str(node.get("kind") or "")
        shown = name if len(name) <= 28 else name[:27] + "…"
        circle = (
            f'<g class="node" data-name="{escape(name)}">'
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius[name])}" '
            f'fill="{colour(kind, index)}" stroke="#fff" stroke-width="1.5">'
            f"<title>{escape(name)} ({escape(kind or 'actor')}): {node.get('events', 0)} events"
            "</title></circle>"
            f'<text x="{_num(x)}" y="{_num(y + radius[name] + 13)}" text-anchor="middle" '
            f'fill="#222" paint-order="stroke" stroke="#fff" stroke-width="3">{escape(shown)}'
            "</text></g>"
        )
        parts.append(_linked(circle, link(name) if link else None))
    parts.append("</svg>")
    return Markup("".join(parts))


def world_map(
    points: Sequence[dict[str, Any]],
    *,
    fit: bool = True,
    width: int = 900,
    link: Link | None = None,
    label: str = "Map of event places",
) -> Markup:
    """Plot places on a world outline (equirectangular), sized by events, coloured by intensity.

    Args:
        points: ``{"name", "country", "lat", "lon", "events", "intensity"}`` dicts; points
            without coordinates are left out.
        fit: zoom to the points (with a margin) instead of showing the whole world.
        width: the drawing width; the height follows the shown area.
        link: ``link(point)`` gives the URL a point opens.
        label: the accessible name of the map.
    """
    located = [
        p
        for p in points
        if isinstance(p.get("lat"), int | float)
        and isinstance(p.get("lon"), int | float)
        and -90 <= p["lat"] <= 90
        and -180 <= p["lon"] <= 180
    ]
    x0, y0, w, h = -180.0, -84.0, 360.0, 144.0
    if fit and located:
        lons = [float(p["lon"]) for p in located]
        lats = [-float(p["lat"]) for p in located]
        margin = max(8.0, 0.25 * max(max(lons) - min(lons), max(lats) - min(lats)))
        x0, x1 = max(-180.0, min(lons) - margin), min(180.0, max(lons) + margin)
        y0, y1 = max(-90.0, min(lats) - margin), min(90.0, max(lats) + margin)
        w, h = x1 - x0, y1 - y0
        # keep a landscape frame
        if w < 1.6 * h:
            grow = (1.6 * h - w) / 2
            x0, w = x0 - grow, w + 2 * grow
        elif h < w / 2.4:
            grow = (w / 2.4 - h) / 2
            y0, h = y0 - grow, h + 2 * grow
    height = round(width * h / w)
    unit = w / width  # degrees per drawn pixel
    parts = [
        f'<svg class="chart map" viewBox="{_num(x0)} {_num(y0)} {_num(w)} {_num(h)}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="{_num(12 * unit)}">'
        f'<rect x="{_num(x0)}" y="{_num(y0)}" width="{_num(w)}" height="{_num(h)}" '
        'fill="#eaf2f8"/>'
    ]
    grid = []
    for lon in range(-180, 181, 30):
        grid.append(f"M{lon} -90V90")
    for lat in range(-90, 91, 30):
        grid.append(f"M-180 {lat}H180")
    parts.append(
        f'<path class="graticule" d="{" ".join(grid)}" stroke="#c5d5e0" '
        f'stroke-width="{_num(0.6 * unit)}" fill="none"/>'
    )
    parts.append(
        f'<g class="land" fill="#f4f1e8" stroke="#9e9e9e" stroke-width="{_num(0.7 * unit)}">'
    )
    for shape in world_outline():
        parts.append(f'<path d="{shape.path}"><title>{escape(shape.name)}</title></path>')
    parts.append("</g>")
    biggest = max((int(p.get("events") or 0) for p in located), default=1) or 1
    for point in sorted(located, key=lambda p: -int(p.get("events") or 0)):
        count = int(point.get("events") or 0)
        r = (3 + 9 * math.sqrt(count / biggest)) * unit if count else 2.5 * unit
        x, y = float(point["lon"]), -float(point["lat"])
        intensity = point.get("intensity")
        rated = f", mean intensity {intensity:+.1f}" if intensity is not None else ""
        where = f"{point['name']} ({point['country']})" if point.get("country") else point["name"]
        dot = (
            f'<g class="place" data-name="{escape(point["name"])}">'
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" '
            f'fill="{intensity_colour(intensity) if count else "#fff"}" fill-opacity="0.8" '
            f'stroke="#263238" stroke-width="{_num(unit)}"><title>{escape(where)}: {count} '
            f"event{'s' if count != 1 else ''}{escape(rated)}</title></circle>"
            f'<text x="{_num(x + r + 2 * unit)}" y="{_num(y + 4 * unit)}" fill="#222" '
            f'paint-order="stroke" stroke="#fff" stroke-width="{_num(3 * unit)}">'
            f"{escape(point['name'])}</text></g>"
        )
        parts.append(_linked(dot, link(point) if link else None))
    parts.append("</svg>")
    return Markup("".join(parts))
