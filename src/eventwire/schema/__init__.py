"""The JSON Schema of the output contract, shipped with the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that every ``Extraction.to_dict()`` satisfies."""
    text = (
        resources.files("eventwire.schema").joinpath("eventwire-1.schema.json").read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` breaks the contract."""
    import jsonschema

    jsonschema.validate(record, json_schema())
