"""Corpus level: what only many articles together show (copies, events reported many times)."""

from __future__ import annotations
