from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from eventwire.knowledge.gazetteer import (
    Gazetteer,
    _centre,
    _core_names,
    haversine_km,
    index_path,
    read_user_gazetteer,
    remove_stale_indexes,
    shared_gazetteer,
)
from eventwire.settings import Settings


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return shared_gazetteer(str(Settings().cache_dir))


def test_compiled_index_lives_in_the_cache_dir(gazetteer: Gazetteer) -> None:
    path = index_path(Settings().cache_dir)
    assert path.exists() and path.parent == Settings().cache_dir
    assert path.stat().st_size < 60_000_000


def test_cache_dir_setting_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    assert Settings().cache_dir == tmp_path


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Caracas", "VEN", "city"),
        ("Venezuela", "VEN", "country"),
        ("Ontario", "CAN", "admin1"),
        ("Laurel County", "USA", "admin2"),
        ("Africa", None, "continent"),
    ],
)
def test_lookup_finds_places_of_every_kind(
    gazetteer: Gazetteer, name: str, country: str | None, feature: str
) -> None:
    assert any(e.country == country and e.feature == feature for e in gazetteer.lookup(name))


def test_lookup_ignores_case_and_accents_and_saint_abbreviations(gazetteer: Gazetteer) -> None:
    assert {e.geonameid for e in gazetteer.lookup("BOGOTA")} & {
        e.geonameid for e in gazetteer.lookup("Bogotá")
    }
    assert any(e.country == "RUS" for e in gazetteer.lookup("St. Petersburg"))


def test_towns_know_their_state(gazetteer: Gazetteer) -> None:
    alexandria = next(e for e in gazetteer.lookup("Alexandria") if e.geonameid == 4314550)
    louisiana = gazetteer.abbreviation("La.")
    assert louisiana is not None and louisiana.name == "Louisiana"
    assert alexandria.admin1 == louisiana.id


def test_region_centres_are_near_the_region(gazetteer: Gazetteer) -> None:
    kentucky = next(e for e in gazetteer.lookup("Kentucky") if e.feature == "admin1")
    # the state's geographic centre is near 37.5 N 85.3 W
    assert haversine_km(kentucky.lat, kentucky.lon, 37.5, -85.3) < 161


def test_user_gazetteer_json_object_with_places_key(tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    path.write_text(
        json.dumps({"places": [{"name": "Hill 402", "lat": 1, "lon": 2, "country": "COL"}]})
    )
    [entry] = read_user_gazetteer(path)
    assert entry["country"] == "COL" and entry["feature"] == "landmark"


def test_user_gazetteer_entries_come_first(tmp_path: Path, gazetteer: Gazetteer) -> None:
    path = tmp_path / "g.csv"
    path.write_text("name,lat,lon,country,feature\nCaracas,1.0,2.0,VEN,landmark\n")
    combined = Gazetteer(Settings().cache_dir, path)
    found = combined.lookup("caracas")
    assert found[0].id < 0 and found[0].lat == 1.0
    assert len(found) > 1  # the built-in entries are still there


def test_missing_user_gazetteer_names_the_setting(tmp_path: Path) -> None:
    from eventwire.errors import GazetteerError

    with pytest.raises(GazetteerError, match="EVENTWIRE_GAZETTEER"):
        Gazetteer(tmp_path, tmp_path / "none.csv", builtin=False)


def test_region_point_is_the_middle_of_the_area_its_towns_span() -> None:
    # most towns crowd the south-east corner; the region still spans 0-10 by 0-10 degrees
    crowded = [(0.5 + i * 0.01, 9.5 - i * 0.01) for i in range(200)]
    corners = [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    lat, lon = _centre(crowded + corners)
    assert abs(lat - 5.0) < 0.2 and abs(lon - 5.0) < 0.2


def test_region_point_across_the_antimeridian_stays_in_range() -> None:
    lat, lon = _centre([(60.0, 178.0), (62.0, -178.0), (61.0, 179.0), (63.0, -179.0)])
    assert 60 < lat < 63 and (lon > 175 or lon < -175)


def test_direction_words_alone_name_no_region(gazetteer: Gazetteer) -> None:
    assert all(e.feature != "admin1" for e in gazetteer.lookup("South"))
    assert all(e.feature != "admin1" for e in gazetteer.lookup("Western"))


def test_state_abbreviations_and_iso_codes_do_not_collide(gazetteer: Gazetteer) -> None:
    kansas = gazetteer.abbreviation("Kan.")
    assert kansas is not None and kansas.name == "Kansas"
    nsw = gazetteer.subdivision_code("NSW")
    assert nsw is not None and nsw.country == "AUS"


def test_former_country_names_find_the_successor(gazetteer: Gazetteer) -> None:
    countries = {e.country for e in gazetteer.lookup("Zaire") if e.feature == "country"}
    assert countries == {"COD"}
    assert {e.country for e in gazetteer.lookup("Upper Volta")} == {"BFA"}


def test_a_former_country_now_a_province_of_its_successor_stays_the_province(
    gazetteer: Gazetteer,
) -> None:
    assert {e.feature for e in gazetteer.lookup("Sikkim")} == {"admin1"}


def test_region_names_lose_their_type_word_and_its_connector() -> None:
    words = {"province", "provincia", "departement"}
    assert "Pangasinan" in _core_names("Province of Pangasinan", words, frozenset())
    assert "La Paz" in _core_names("Provincia de La Paz", words, frozenset())
    # what is left is a direction word alone: no name
    assert _core_names("Departement du Nord", words, frozenset({"nord"})) == {"Departement du Nord"}


def test_second_level_provinces_are_found_by_their_short_name(gazetteer: Gazetteer) -> None:
    assert any(e.country == "PHL" and e.feature == "admin2" for e in gazetteer.lookup("Pangasinan"))


def test_old_builds_unused_for_two_weeks_are_removed_when_an_index_is_compiled(
    tmp_path: Path,
) -> None:
    current = tmp_path / "gazetteer-99-1-1.sqlite"
    current.write_bytes(b"")
    stale, recent, other = (
        tmp_path / "gazetteer-97-1-1.sqlite",
        tmp_path / "gazetteer-98-1-1.sqlite",
        tmp_path / "places.sqlite",
    )
    for path in (stale, recent, other):
        path.write_bytes(b"")
    month_ago = time.time() - 30 * 86_400
    for path in (stale, other, current):
        os.utime(path, (month_ago, month_ago))
    assert remove_stale_indexes(current) == [stale]
    assert current.exists() and recent.exists() and other.exists() and not stale.exists()
