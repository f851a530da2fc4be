from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.knowledge.gazetteer import Gazetteer
from eventwire.nlp.places import PlaceResolver
from eventwire.pipeline import Pipeline
from eventwire.records import Place


def _places(pipeline: Pipeline, text: str) -> list[Place]:
    return pipeline.extract(text).places


def _by_mention(places: list[Place], text: str) -> Place:
    found = [p for p in places if any(m.text == text for m in p.mentions)]
    assert len(found) == 1, f"{text!r} not one place: {[(p.name, p.mentions) for p in places]}"
    return found[0]


def _mentioned(places: list[Place]) -> set[str]:
    return {m.text for p in places for m in p.mentions}


@pytest.fixture()
def user_resolver(pipeline: Pipeline, tmp_path: Path) -> PlaceResolver:
    """A resolver over a two-entry user gazetteer only: fast and deterministic."""
    path = tmp_path / "places.json"
    path.write_text(
        json.dumps(
            [
                {
                    "name": "Zorvania City",
                    "aliases": ["Zorvania"],
                    "lat": 12.5,
                    "lon": -70.25,
                    "country": "VE",
                    "feature": "city",
                },
                {"name": "Camp Velkor", "lat": 11.0, "lon": -69.5, "feature": "landmark"},
            ]
        ),
        encoding="utf-8",
    )
    gazetteer = Gazetteer(tmp_path / "cache", path, builtin=False)
    return PlaceResolver(pipeline.nlp, gazetteer=gazetteer)


def test_user_gazetteer_places_resolve_with_their_coordinates(
    pipeline: Pipeline, user_resolver: PlaceResolver
) -> None:
    doc = pipeline.nlp("Soldiers marched from Camp Velkor to Zorvania City on Monday.")
    places = user_resolver.places(doc)
    city = _by_mention(places, "Zorvania City")
    assert (city.lat, city.lon, city.country, city.feature) == (12.5, -70.25, "VEN", "city")
    camp = _by_mention(places, "Camp Velkor")
    assert camp.feature == "landmark" and camp.country is None
    assert [p.id for p in places] == ["P1", "P2"] and places[0].name == "Camp Velkor"


def test_user_gazetteer_aliases_join_one_place(
    pipeline: Pipeline, user_resolver: PlaceResolver
) -> None:
    doc = pipeline.nlp("Fighting broke out in Zorvania City. Residents fled from Zorvania.")
    places = user_resolver.places(doc)
    assert len(places) == 1
    assert [m.text for m in places[0].mentions] == ["Zorvania City", "Zorvania"]


def test_user_gazetteer_csv_with_aliases(pipeline: Pipeline, tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_text(
        "name,aliases,lat,lon,country,feature\n"
        "Port Quellin,Quellin|Old Quellin,-3.5,40.1,KEN,city\n",
        encoding="utf-8",
    )
    resolver = PlaceResolver(pipeline.nlp, gazetteer=Gazetteer(tmp_path, path, builtin=False))
    places = resolver.places(pipeline.nlp("The ferry sank near Old Quellin."))
    assert [(p.name, p.country, p.lat) for p in places] == [("Port Quellin", "KEN", -3.5)]


@pytest.mark.parametrize(
    "rows",
    [[{"name": "Nowhere"}], [{"name": "Far", "lat": 95.0, "lon": 0.0}], [{"lat": 1, "lon": 2}]],
)
def test_malformed_user_gazetteer_is_a_clear_error(
    tmp_path: Path, rows: list[dict[str, object]]
) -> None:
    from eventwire.errors import GazetteerError

    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(GazetteerError, match="entry 1"):
        Gazetteer(tmp_path, path, builtin=False)


def test_capital_used_locationally_resolves_to_the_city(pipeline: Pipeline) -> None:
    caracas = _by_mention(
        _places(pipeline, "Thousands protested in Caracas on Saturday."), "Caracas"
    )
    assert (caracas.country, caracas.feature) == ("VEN", "city")
    assert caracas.lat is not None and abs(caracas.lat - 10.49) < 0.2


@pytest.mark.parametrize(
    "text",
    [
        "Caracas rejected the demand on Monday.",
        "Washington said the sanctions would stay.",
        "Havana announced new measures.",
    ],
)
def test_capital_as_subject_of_a_speech_verb_is_not_a_place(pipeline: Pipeline, text: str) -> None:
    subject = text.split()[0]
    assert subject not in _mentioned(_places(pipeline, text))


def test_country_used_locationally_is_a_country_place(pipeline: Pipeline) -> None:
    places = _places(pipeline, "The rebels have camps in Venezuela and in Colombia.")
    venezuela = _by_mention(places, "Venezuela")
    assert (venezuela.country, venezuela.feature, venezuela.geonameid) == (
        "VEN",
        "country",
        3625428,
    )
    assert _by_mention(places, "Colombia").country == "COL"


def test_containment_picks_the_town_in_the_named_state(pipeline: Pipeline) -> None:
    maine = _by_mention(
        _places(pipeline, "The storm reached Portland, Maine, at dawn."), "Portland"
    )
    oregon = _by_mention(
        _places(pipeline, "The storm reached Portland, Ore., at dawn."), "Portland"
    )
    assert maine.lat is not None and oregon.lon is not None
    assert 43 < maine.lat < 44.2 and maine.lon is not None and maine.lon > -71
    assert oregon.lon < -122


def test_state_after_a_comma_is_a_place_too(pipeline: Pipeline) -> None:
    places = _places(pipeline, "She grew up in Alexandria, La., and moved away.")
    louisiana = _by_mention(places, "La.")
    assert (louisiana.name, louisiana.feature) == ("Louisiana", "admin1")


def test_one_sense_per_article(pipeline: Pipeline) -> None:
    text = (
        "The fire started in Alexandria, La., on Friday. "
        "Alexandria firefighters said the blaze was the worst in Alexandria in years."
    )
    places = _places(pipeline, text)
    alexandria = [p for p in places if p.name == "Alexandria"]
    assert len(alexandria) == 1 and alexandria[0].country == "USA"
    assert len(alexandria[0].mentions) == 3


def test_person_named_like_a_town_is_not_a_place(pipeline: Pipeline) -> None:
    places = _places(pipeline, "Paris Hilton flew to London with Jordan Henderson.")
    assert "Paris" not in _mentioned(places) and "Jordan" not in _mentioned(places)
    assert _by_mention(places, "London").country == "GBR"


def test_country_context_picks_the_local_sense(pipeline: Pipeline) -> None:
    text = "Police in Texas said the driver was stopped near Paris, about 100 miles from Dallas."
    paris = _by_mention(_places(pipeline, text), "Paris")
    assert paris.country == "USA"


def test_place_offsets_point_into_the_text(pipeline: Pipeline) -> None:
    text = "Floods hit northern Italy and Milan; residents of Bologna were evacuated."
    for place in _places(pipeline, text):
        for m in place.mentions:
            assert text[m.start : m.end] == m.text


def test_demonym_in_an_organisation_is_the_country(pipeline: Pipeline) -> None:
    places = _places(pipeline, "A passing boat alerted the Canadian Coast Guard on Sunday.")
    assert _by_mention(places, "Canadian").country == "CAN"


def test_state_abbreviation_after_a_city_is_the_state(pipeline: Pipeline) -> None:
    places = _places(pipeline, "Issac Fisher, 26, of Kansas City, Kan., was charged Monday.")
    kansas = _by_mention(places, "Kan.")
    assert (kansas.name, kansas.feature) == ("Kansas", "admin1")


def test_legislators_state_after_the_party(pipeline: Pipeline) -> None:
    places = _places(pipeline, "Sen. Bob Casey, D-Pa., called the findings troubling.")
    assert _by_mention(places, "Pa.").name == "Pennsylvania"


def test_dateline_after_a_headline(pipeline: Pipeline) -> None:
    text = "Body found in flat. BEIRUT: The body of a man was discovered on Monday."
    assert _by_mention(_places(pipeline, text), "BEIRUT").country == "LBN"


def test_place_in_an_organisations_name(pipeline: Pipeline) -> None:
    text = "Two officers were taken to the Hospital of the University of Pennsylvania."
    assert _by_mention(_places(pipeline, text), "Pennsylvania").feature == "admin1"


def test_county_before_a_sheriffs_name_is_a_place(pipeline: Pipeline) -> None:
    text = "He had been shot, according to Anderson County Sheriff Greg Taylor."
    county = _by_mention(_places(pipeline, text), "Anderson County")
    assert (county.country, county.feature) == ("USA", "admin2")


def test_local_government_words_favour_the_local_town(pipeline: Pipeline) -> None:
    text = (
        "The Athens City Council was given a budget update on Wednesday. Sales tax revenue "
        "is down, the finance director said; the city saved $15,000 on insurance, and the "
        "zoning board meets next week."
    )
    assert _by_mention(_places(pipeline, text), "Athens").country == "USA"


def test_without_local_cues_the_famous_place_wins(pipeline: Pipeline) -> None:
    text = "Tourists crowded the ancient sites in Athens during a heat wave."
    assert _by_mention(_places(pipeline, text), "Athens").country == "GRC"


def test_car_make_named_like_a_town_is_no_place(pipeline: Pipeline) -> None:
    text = "A 2005 Honda collided with a truck on Interstate 64 near Charleston, West Virginia."
    places = _places(pipeline, text)
    assert "Honda" not in _mentioned(places)
    assert _by_mention(places, "Charleston").country == "USA"


def test_names_in_a_list_of_countries_are_countries(pipeline: Pipeline) -> None:
    text = "Similar cases were reported in Mexico, China, Japan, Ukraine and Brazil last year."
    places = _places(pipeline, text)
    assert _by_mention(places, "China").feature == "country"
    assert _by_mention(places, "China").country == "CHN"


def test_region_after_a_comma_is_the_one_containing_the_town(pipeline: Pipeline) -> None:
    places = _places(pipeline, "The company opened a laboratory in Rockville, Maryland, on Monday.")
    assert _by_mention(places, "Maryland").country == "USA"
    assert _by_mention(places, "Rockville").country == "USA"


def test_country_context_alone_does_not_move_a_famous_city_to_a_namesake(
    pipeline: Pipeline,
) -> None:
    text = (
        "Passengers from New York, Chicago, Atlanta, Baltimore and Los Angeles waited in "
        "Washington for the delayed flights to Russia. The airline flies daily to Moscow. "
        "Officials in Boston, Denver and Seattle said Moscow was the busiest route."
    )
    assert _by_mention(_places(pipeline, text), "Moscow").country == "RUS"


def test_containment_keeps_the_small_namesake(pipeline: Pipeline) -> None:
    text = "Russia was discussed at a meeting in Moscow, Idaho, near the University of Idaho."
    moscow = _by_mention(_places(pipeline, text), "Moscow")
    assert moscow.country == "USA"


def test_a_named_county_keeps_the_local_namesake_against_a_named_country(
    pipeline: Pipeline,
) -> None:
    text = (
        "Lamar County commissioners met in Paris on Monday to discuss the offer of a "
        "French investor, who wants to build a plant in Texas."
    )
    assert _by_mention(_places(pipeline, text), "Paris").country == "USA"


def test_a_sea_is_the_water_not_the_province_named_after_it(pipeline: Pipeline) -> None:
    text = "Pirates attacked a tanker in the Red Sea on Tuesday."
    red_sea = _by_mention(_places(pipeline, text), "Red Sea")
    assert (red_sea.feature, red_sea.country) == ("water", None)


def test_a_former_country_name_is_its_successor(pipeline: Pipeline) -> None:
    text = "Thousands of refugees crossed from Rwanda into Zaire in 1994."
    zaire = _by_mention(_places(pipeline, text), "Zaire")
    assert (zaire.feature, zaire.country) == ("country", "COD")


def test_a_name_of_two_countries_follows_the_one_the_article_names(pipeline: Pipeline) -> None:
    text = (
        "Nine people have died from Ebola in the Republic of Congo this month. "
        "The government of Congo has announced a quarantine."
    )
    assert _by_mention(_places(pipeline, text), "Congo").country == "COG"


def test_a_name_of_two_countries_is_the_more_populous_without_other_evidence(
    pipeline: Pipeline,
) -> None:
    text = "Fighting in eastern Congo killed 20 people, officials in Kinshasa said."
    assert _by_mention(_places(pipeline, text), "Congo").country == "COD"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The outbreak is in the Cuvette-Ouest region near the border.", "Cuvette-Ouest", "COG"),
        (
            "Cholera has spread to Guinea-Bissau and Senegal, officials said.",
            "Guinea-Bissau",
            "GNB",
        ),
    ],
)
def test_a_hyphenated_name_is_one_place(
    pipeline: Pipeline, text: str, name: str, country: str
) -> None:
    assert _by_mention(_places(pipeline, text), name).country == country


def test_a_demonym_opening_a_place_name_is_that_place(pipeline: Pipeline) -> None:
    text = "Health events are held on the border between Suriname and French Guiana this week."
    places = _places(pipeline, text)
    assert _by_mention(places, "French Guiana").country == "GUF"
    assert "French" not in _mentioned(places)


def test_country_names_taken_for_people_are_still_countries(pipeline: Pipeline) -> None:
    text = (
        "These nations have all been hit by cholera: Burkina Faso, Cote d'Ivoire, Guinea, "
        "Liberia, Mali, Niger, and Senegal."
    )
    places = _places(pipeline, text)
    assert _by_mention(places, "Burkina Faso").country == "BFA"
    assert (_by_mention(places, "Niger").feature, _by_mention(places, "Niger").country) == (
        "country",
        "NER",
    )


def test_a_province_named_with_its_type_word_is_found_by_its_name(pipeline: Pipeline) -> None:
    text = "Flooding in Pangasinan, north of Manila, forced 2,000 families from their homes."
    pangasinan = _by_mention(_places(pipeline, text), "Pangasinan")
    assert (pangasinan.country, pangasinan.feature) == ("PHL", "admin2")


def test_a_name_paired_with_a_country_is_a_country(pipeline: Pipeline) -> None:
    text = (
        "Polio has been eradicated in Egypt and Niger, the agency said. Nigeria still "
        "reports cases in Kano, and officials in Nigeria expect more."
    )
    niger = _by_mention(_places(pipeline, text), "Niger")
    assert (niger.feature, niger.country) == ("country", "NER")


def test_a_small_town_abroad_that_the_article_never_touches_is_dropped(
    pipeline: Pipeline,
) -> None:
    text = (
        "The minister flew from Moscow to London on Monday. In Britain he met a former agent "
        "at a sushi bar in Piccadilly, where papers were exchanged, British police said."
    )
    places = _places(pipeline, text)
    assert "Piccadilly" not in _mentioned(places)
    assert _by_mention(places, "London").country == "GBR"


def test_a_small_town_stays_where_the_article_gives_no_country_context(
    pipeline: Pipeline,
) -> None:
    places = _places(pipeline, "Crowds gathered in Piccadilly for the annual festival.")
    assert "Piccadilly" in _mentioned(places)
