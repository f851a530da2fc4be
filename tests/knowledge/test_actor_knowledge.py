from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import KnowledgeError
from eventwire.knowledge.actors import (
    ActorKnowledge,
    load_actor_file,
    load_petrarch,
    load_user_file,
    parse_code,
    parse_date,
)

# A small dictionary in the PETRARCH/TABARI actor format, written for these tests.
DICTIONARY = """\
# test dictionary; comments start with # or ;
<!-- an XML comment line -->
RUBEN_TALAVERA_  ; a person with dated codes
+TALAVERA_
+PRESIDENT_TALAVERA_
\t[ARGELI 950101-051231]
\t[ARGGOV 060101-111231]
\t[ARGELI]
NORTHERN_PEOPLES_FRONT_(NPF)_ [ARGREB]
+NPF_GUERRILLAS_
ISLA_RELIEF_AGENCY_ [NGOXXX]
COUNCIL_OF_ISLANDS_ [IGOCOI] # an organisation
MARTA_OSUNA_
\t[URYGOV >20150301]
\t[URYOPP <20150301]
BROKEN_DATES_
\t[ARGGOV 2004017-20061201]
NO_CODE_AT_ALL_
"""


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    path = tmp_path / "test.actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("VENGOV", ("VEN", "GOV")),
        ("COLREB", ("COL", "REB")),
        ("USA", ("USA", None)),
        ("IGOUNO", (None, "IGO")),
        ("NGOAMN", (None, "NGO")),
        ("HNDGOVJUD", ("HND", "GOV")),
        ("ELI", (None, "ELI")),
    ],
)
def test_cameo_codes_split_into_country_and_sector(
    code: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_code(code) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20150301", date(2015, 3, 1)),
        ("060901", date(2006, 9, 1)),
        ("450703", date(1945, 7, 3)),
    ],
)
def test_petrarch_dates_read_both_widths_with_the_two_digit_pivot(
    text: str, expected: date
) -> None:
    assert parse_date(text) == expected


def test_petrarch_date_rejects_other_widths() -> None:
    with pytest.raises(ValueError, match="YYMMDD"):
        parse_date("2004017")


def test_petrarch_dictionary_reads_records_synonyms_and_acronyms(dictionary: Path) -> None:
    actors = {a.name: a for a in load_petrarch(dictionary)}
    assert set(actors) == {
        "Ruben Talavera",
        "Northern Peoples Front",
        "Isla Relief Agency",
        "Council of Islands",
        "Marta Osuna",
    }
    assert actors["Ruben Talavera"].aliases == ["Talavera", "President Talavera"]
    assert "NPF" in actors["Northern Peoples Front"].aliases
    assert actors["Northern Peoples Front"].origin == "dictionary"


def test_petrarch_roles_are_chosen_by_the_article_date(dictionary: Path) -> None:
    knowledge = ActorKnowledge([dictionary])
    before = knowledge.lookup(["Talavera"], date(2000, 6, 1))
    during = knowledge.lookup(["Ruben Talavera"], date(2008, 6, 1))
    after = knowledge.lookup(["President Talavera"], date(2015, 1, 1))
    assert before is not None and (before.country, before.sector) == ("ARG", "ELI")
    assert during is not None and (during.country, during.sector) == ("ARG", "GOV")
    # outside every dated restriction the undated one applies
    assert after is not None and after.sector == "ELI"


def test_petrarch_open_ended_restrictions(dictionary: Path) -> None:
    knowledge = ActorKnowledge([dictionary])
    early = knowledge.lookup(["Marta Osuna"], date(2014, 1, 1))
    late = knowledge.lookup(["Marta Osuna"], date(2019, 1, 1))
    undated = knowledge.lookup(["Marta Osuna"], None)
    assert early is not None and early.sector == "OPP"
    assert late is not None and late.sector == "GOV"
    assert undated is not None and undated.sector == "GOV"  # the open-ended, latest one


def test_petrarch_pseudo_country_codes_give_sectors(dictionary: Path) -> None:
    knowledge = ActorKnowledge([dictionary])
    agency = knowledge.lookup(["Isla Relief Agency"])
    council = knowledge.lookup(["Council of Islands"])
    assert agency is not None and (agency.country, agency.sector) == (None, "NGO")
    assert council is not None and (council.country, council.sector) == (None, "IGO")


def test_petrarch_unreadable_restriction_is_skipped_not_fatal(dictionary: Path) -> None:
    names = {a.name for a in load_petrarch(dictionary)}
    assert "Broken Dates" not in names  # its only restriction cannot be read
    assert "No Code at All" not in names


def test_missing_dictionary_raises_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        load_petrarch(tmp_path / "absent.txt")


def test_builtin_organisations_are_known_without_any_file() -> None:
    knowledge = ActorKnowledge()
    for name in ("UN", "NATO", "European Union", "OAS", "African Union", "ICC"):
        found = knowledge.lookup([name])
        assert found is not None and found.sector == "IGO", name
    amnesty = knowledge.lookup(["Amnesty International"])
    assert amnesty is not None and amnesty.sector == "NGO"


USER_YAML = """\
actors:
  - name: Ruben Talavera
    aliases: [El Profe]
    kind: PERSON
    country: URY
    sector: OPP
    roles:
      - role: party leader
        start: 2016-01-01
      - role: senator
        sector: LEG
        start: 2010-01-01
        end: 2015-12-31
"""


def test_user_file_overrides_dictionaries(tmp_path: Path, dictionary: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(USER_YAML, encoding="utf-8")
    knowledge = ActorKnowledge([dictionary, user])
    found = knowledge.lookup(["Talavera", "Ruben Talavera"], date(2012, 5, 1))
    assert found is not None and found.actor.origin == "user"
    assert (found.country, found.sector, found.roles) == ("URY", "LEG", ["senator"])
    later = knowledge.lookup(["El Profe"], date(2020, 1, 1))
    assert later is not None and (later.sector, later.roles) == ("OPP", ["party leader"])


def test_user_file_in_json_and_as_a_plain_list(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([{"name": "Isla Watch", "kind": "ORG", "sector": "NGO"}]))
    [actor] = load_actor_file(path)
    assert (actor.name, actor.kind, actor.sector, actor.origin) == (
        "Isla Watch",
        "ORG",
        "NGO",
        "user",
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: [{aliases: [x]}]", "needs a 'name'"),
        ("actors: [{name: X, country: Narnia}]", "not an ISO 3166"),
        ("actors: [{name: X, kind: ALIEN}]", "kind must be one of"),
        ("actors: [{name: X, roles: [{role: y, start: soon}]}]", "not an ISO date"),
        ("just text", "expected a list"),
        ("actors: [unclosed", "not valid YAML"),
    ],
)
def test_malformed_user_file_names_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_user_file(path)


@pytest.mark.shared
def test_phoenix_dictionaries_load_with_dated_roles(shared: Path) -> None:
    folder = shared / "data" / "events" / "petrarch"
    names = (
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    )
    files = [folder / name for name in names]
    if not all(f.exists() for f in files):
        pytest.skip("PETRARCH dictionaries not in shared data")
    knowledge = ActorKnowledge(files)
    assert len(knowledge) > 20_000
    maduro = knowledge.lookup(["Nicolás Maduro"], date(2019, 2, 24))
    assert maduro is not None and (maduro.country, maduro.sector) == ("VEN", "GOV")
    karzai_then = knowledge.lookup(["Hamid Karzai"], date(1990, 1, 1))
    karzai_later = knowledge.lookup(["Hamid Karzai"], date(2005, 1, 1))
    assert karzai_then is not None and karzai_then.sector == "ELI"
    assert karzai_later is not None and karzai_later.sector == "GOV"
    farc = knowledge.lookup(["Revolutionary Armed Forces of Colombia"])
    assert farc is not None and (farc.country, farc.sector) == ("COL", "REB")


@pytest.mark.shared
def test_petrarch_validation_dictionary_loads(shared: Path) -> None:
    path = shared / "data" / "events" / "petrarch" / "PETR.Validate.actors.txt"
    if not path.exists():
        pytest.skip("PETRARCH validation dictionary not in shared data")
    knowledge = ActorKnowledge([path])
    hamas = knowledge.lookup(["Hamas"])
    assert hamas is not None and (hamas.country, hamas.sector) == ("PSE", "REB")
    bush = knowledge.lookup(["President George W. Bush"])
    assert bush is not None and (bush.country, bush.sector) == ("USA", "GOV")
