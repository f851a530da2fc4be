"""The exporter registry: built-in formats and plugins register the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import export as export_package
from eventwire.export import EXPORTERS, export, register_exporter
from eventwire.store import Store


def test_built_in_formats_are_registered() -> None:
    assert {"jsonl", "csv"} <= set(EXPORTERS)


def test_unknown_format_raises_value_error_listing_known_formats(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xlsx'") as raised:
        export(store, "xlsx", None)
    assert "csv" in str(raised.value) and "jsonl" in str(raised.value)


def test_registered_exporter_is_called_with_store_and_out(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_package, "EXPORTERS", dict(EXPORTERS))
    calls: list[tuple[Store, str | Path | None]] = []

    @register_exporter("count")
    def export_count(store: Store, out: str | Path | None) -> int:
        calls.append((store, out))
        return 7

    assert export_package.export(store, "count", "somewhere") == 7
    assert calls == [(store, "somewhere")]
    assert "count" not in EXPORTERS
