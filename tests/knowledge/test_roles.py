from __future__ import annotations

import json
from importlib import resources

import pytest

from eventwire.knowledge.roles import role_lexicon


def _data() -> dict[str, object]:
    text = resources.files("eventwire.knowledge").joinpath("data/roles.json").read_text()
    data: dict[str, object] = json.loads(text)
    return data


@pytest.mark.parametrize("table", ["person_nouns", "group_nouns", "org_nouns", "modifiers"])
def test_no_word_has_two_sectors_in_one_table(table: str) -> None:
    seen: dict[str, str] = {}
    sectors = _data()[table]
    assert isinstance(sectors, dict)
    for sector, words in sectors.items():
        for word in words:
            assert word not in seen, f"{word!r} is both {seen[word]} and {sector} in {table}"
            seen[word] = sector


def test_every_sector_used_is_a_described_cameo_code() -> None:
    data = _data()
    codes = set(data["sectors"])  # type: ignore[arg-type]
    for table in ("person_nouns", "group_nouns", "org_nouns", "modifiers", "name_words"):
        used = set(data[table]) - {"-"}  # type: ignore[arg-type]
        assert used <= codes, table


@pytest.mark.parametrize(
    ("words", "phrase", "kind", "sector"),
    [
        (
            ["the", "us", "national", "security", "adviser"],
            "national security adviser",
            "PERSON",
            "GOV",
        ),
        (["air", "force", "general"], "general", "PERSON", "MIL"),
        (["un", "secretary", "general"], "secretary general", "PERSON", None),
        (["the", "rebels"], None, None, None),
        (["the", "rebel"], "rebel", "PERSON", "REB"),
        (["riot", "police"], "riot police", "GROUP", "COP"),
        (["the", "military"], "military", "ORG", "MIL"),
        (["the", "country"], "country", "COUNTRY", None),
    ],
)
def test_longest_actor_noun_wins(
    words: list[str], phrase: str | None, kind: str | None, sector: str | None
) -> None:
    noun = role_lexicon().noun(words)
    if phrase is None:
        assert noun is None  # plurals are looked up by their lemma
    else:
        assert noun is not None and (noun.phrase, noun.kind, noun.sector) == (phrase, kind, sector)


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        ("national liberation army", "REB"),
        ("revolutionary armed forces of colombia", "REB"),
        ("haitian national police", "COP"),
        ("national assembly", "LEG"),
        ("supreme court of justice", "JUD"),
        ("gran lakou gang", "CRM"),
        ("united transport workers alliance", "LAB"),
        ("democratic renewal front", None),
        ("european union", None),
    ],
)
def test_name_words_give_organisations_a_sector(name: str, sector: str | None) -> None:
    assert role_lexicon().name_sector(name.split()) == sector


def test_titles_are_role_nouns_that_stand_before_names_but_not_first_names() -> None:
    lexicon = role_lexicon()
    assert lexicon.is_title("president") and lexicon.is_title("general")
    assert lexicon.is_title("professor") and lexicon.is_title("spokesman")
    assert not lexicon.is_title("patient") and not lexicon.is_title("man")


def test_generic_institution_names_are_told_from_proper_names() -> None:
    lexicon = role_lexicon()
    assert lexicon.is_institution(["national", "assembly"])
    assert lexicon.is_institution(["supreme", "court"])
    assert not lexicon.is_institution(["national", "liberation", "army"])
