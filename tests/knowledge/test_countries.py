from __future__ import annotations

import pytest

from eventwire.knowledge.countries import country_index, normalize_name


@pytest.mark.parametrize(
    ("text", "alpha3", "how"),
    [
        ("US", "USA", "name"),
        ("U.S.", "USA", "name"),
        ("the United States", "USA", "name"),
        ("Americans", "USA", "demonym"),
        ("Venezuelan", "VEN", "demonym"),
        ("Britain", "GBR", "name"),
        ("French", "FRA", "demonym"),
        ("Colombia", "COL", "name"),
        ("Kenyans", "KEN", "demonym"),
        ("Côte d'Ivoire", "CIV", "name"),
    ],
)
def test_country_lookup_names_codes_and_demonyms(text: str, alpha3: str, how: str) -> None:
    match = country_index().lookup(text)
    assert match is not None
    assert (match.country.alpha3, match.how) == (alpha3, how)


@pytest.mark.parametrize("text", ["us", "Marxist", "in", "European", "Maduro"])
def test_country_lookup_rejects_non_countries_and_lowercase_codes(text: str) -> None:
    assert country_index().lookup(text) is None


def test_capital_names_its_country() -> None:
    country = country_index().capital_of("Caracas")
    assert country is not None and country.alpha3 == "VEN"


def test_normalize_name_folds_accents_case_possessive_and_article() -> None:
    assert normalize_name("Nicolás Maduro's") == "nicolas maduro"
    assert normalize_name("the U.S.") == "us"


def test_a_name_of_two_countries_lists_both_the_more_populous_first() -> None:
    index = country_index()
    assert [c.alpha3 for c in index.claimants("Congo")] == ["COD", "COG"]
    assert [c.alpha3 for c in index.claimants("Republic of the Congo")] == ["COG"]
    assert index.claimants("Atlantis") == []
