"""Distinct generated news texts for executor tests (no two are near-duplicates)."""

from __future__ import annotations

import random

PEOPLE = ["Ana Torres", "Samuel Okafor", "Li Wei", "Maria Gonzalez", "Tomas Novak", "Aisha Bello"]
PLACES = ["Lima", "Nairobi", "Manila", "Kyiv", "Bogotá", "Lagos", "Quito", "Accra", "Dhaka"]
VERBS = ["accused", "met", "criticised", "thanked", "warned", "praised", "visited", "sued"]
NOUNS = [
    "budget",
    "harbour",
    "election",
    "pipeline",
    "strike",
    "treaty",
    "drought",
    "bridge",
    "tariff",
    "vaccine",
    "curfew",
    "railway",
    "audit",
    "ceasefire",
    "reform",
    "loan",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def texts(count: int, seed: int = 11, sentences: int = 6) -> list[str]:
    """``count`` texts of ``sentences`` sentences, each built from random choices."""
    rng = random.Random(seed)
    result = []
    for number in range(count):
        lines = []
        for _ in range(sentences):
            a, b = rng.sample(PEOPLE, 2)
            n1, n2, n3 = rng.sample(NOUNS, 3)
            lines.append(
                f"{a} {rng.choice(VERBS)} {b} in {rng.choice(PLACES)} on {rng.choice(DAYS)} "
                f"over the {n1} and the {n2}, saying the {n3} would cost {rng.randint(2, 990)} "
                f"million."
            )
        result.append(f"Report {number}. " + " ".join(lines))
    return result
