"""Corpus level: what only many articles together show (the actor knowledge base, copies,
events reported many times)."""

from __future__ import annotations
