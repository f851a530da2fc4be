"""The actor knowledge base: linking across articles, learning, curation that lasts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from eventwire.corpus.kb import KnowledgeBase, actor_keys
from eventwire.errors import KnowledgeError
from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Article, Extraction, Mention, content_hash
from eventwire.store import Store
from eventwire.store.database import MIGRATIONS
from eventwire.store.schema import kb_actors


def _actor(
    actor_id: str,
    name: str,
    kind: str = "PERSON",
    *,
    hows: tuple[str, ...] = ("name",),
    texts: tuple[str, ...] | None = None,
    country: str | None = None,
    sector: str | None = None,
    roles: tuple[str, ...] = (),
    member_of: str | None = None,
    aliases: tuple[str, ...] = (),
) -> Actor:
    texts = texts or tuple(name for _ in hows)
    return Actor(
        id=actor_id,
        name=name,
        kind=kind,
        country=country,
        sector=sector,
        roles=list(roles),
        member_of=member_of,
        aliases=list(aliases),
        mentions=[Mention(0, len(t), t, how) for t, how in zip(texts, hows, strict=True)],
    )


def _article(key: str, published: str, *actors: Actor) -> Extraction:
    text = f"article {key}"
    return Extraction(
        article=Article(id=key, hash=content_hash(text), text=text, published=published),
        actors=list(actors),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "kb.db") as opened:
        yield opened


def _ingest(store: Store, *extractions: Extraction) -> KnowledgeBase:
    store.add_many(extractions)
    kb = KnowledgeBase(store)
    kb.link_pending()
    return kb


def _by_name(kb: KnowledgeBase, name: str) -> list[int]:
    return [a.id for a in kb.actors(limit=None) if a.name == name]


def test_same_person_across_articles_is_one_entry_with_dated_roles(store: Store) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor("A1", "Lucia Ferraz", country="BRA", sector="GOV", roles=("finance minister",)),
        ),
        _article(
            "a2",
            "2024-03-09",
            _actor(
                "A1",
                "Lucia Ferraz",
                hows=("name", "surname"),
                texts=("Lucia Ferraz", "Ferraz"),
                country="BRA",
                sector="GOV",
                roles=("finance minister",),
            ),
        ),
    )
    [kb_id] = _by_name(kb, "Lucia Ferraz")
    detail = kb.show(kb_id)
    assert (detail.actor.articles, detail.actor.country, detail.actor.sector) == (2, "BRA", "GOV")
    [role] = detail.roles
    assert (role["role"], role["first_seen"], role["last_seen"]) == (
        "finance minister",
        "2024-01-05",
        "2024-03-09",
    )
    assert kb.links("a2") == {"A1": kb_id}


def test_a_surname_alone_resolves_to_the_person_learned_before(store: Store) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor(
                "A1",
                "Rafael Quintero",
                country="COL",
                sector="REB",
                roles=("commander",),
                member_of="A2",
            ),
            _actor("A2", "Frente Sur", kind="ORG", country="COL", sector="REB"),
        ),
        _article("a2", "2024-02-01", _actor("A1", "Quintero", hows=("name",))),
    )
    [kb_id] = _by_name(kb, "Rafael Quintero")
    assert kb.links("a2") == {"A1": kb_id}
    detail = kb.show(kb_id)
    assert [a["name"] for a in detail.affiliations] == ["Frente Sur"]
    assert detail.affiliations[0]["role"] == "commander"


def test_two_people_sharing_a_surname_stay_apart(store: Store) -> None:
    kb = _ingest(
        store,
        _article("a1", "2024-01-05", _actor("A1", "Maria Lopez", sector="LEG", roles=("senator",))),
        _article(
            "a2", "2024-01-06", _actor("A1", "Carlos Lopez", sector="MIL", roles=("general",))
        ),
    )
    assert len(_by_name(kb, "Maria Lopez")) == 1 and len(_by_name(kb, "Carlos Lopez")) == 1


def test_a_surname_goes_to_the_namesake_whose_role_and_company_agree(store: Store) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor("A1", "Maria Lopez", sector="LEG", roles=("senator",)),
            _actor("A2", "Senate", kind="ORG", country="ARG", sector="LEG"),
        ),
        _article(
            "a2",
            "2024-01-06",
            _actor("A1", "Carlos Lopez", sector="MIL", roles=("general",)),
            _actor("A2", "Northern Army", kind="ORG", sector="MIL"),
        ),
        _article(
            "a3",
            "2024-01-07",
            _actor("A1", "Lopez", sector="MIL", roles=("general",)),
            _actor("A2", "Northern Army", kind="ORG", sector="MIL"),
        ),
    )
    [carlos] = _by_name(kb, "Carlos Lopez")
    assert kb.links("a3")["A1"] == carlos


def test_same_name_in_different_countries_stays_apart(store: Store) -> None:
    kb = _ingest(
        store,
        _article("a1", "2024-01-05", _actor("A1", "Juan Perez", country="ARG")),
        _article("a2", "2024-01-06", _actor("A1", "Juan Perez", country="MEX")),
    )
    assert len(_by_name(kb, "Juan Perez")) == 2


def test_generic_institution_names_are_keyed_by_country(store: Store) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor("A1", "National Assembly", kind="ORG", country="VEN", sector="LEG"),
        ),
        _article(
            "a2",
            "2024-01-06",
            _actor("A1", "National Assembly", kind="ORG", country="KEN", sector="LEG"),
        ),
        _article(
            "a3",
            "2024-01-07",
            _actor("A1", "National Assembly", kind="ORG", country="VEN", sector="LEG"),
        ),
    )
    ids = _by_name(kb, "National Assembly")
    assert len(ids) == 2
    assert kb.links("a1") == kb.links("a3")


def test_countries_and_acronyms_link_and_descriptions_stay_out(store: Store) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor("A1", "Venezuela", kind="COUNTRY", country="VEN"),
            _actor(
                "A2",
                "National Liberation Front",
                kind="ORG",
                hows=("name", "acronym"),
                texts=("National Liberation Front", "NLF"),
                aliases=("NLF",),
            ),
            _actor("A3", "anti-government protesters", kind="GROUP", hows=("description",)),
        ),
        _article(
            "a2",
            "2024-01-06",
            _actor(
                "A1",
                "Venezuela",
                kind="COUNTRY",
                country="VEN",
                hows=("demonym",),
                texts=("Venezuelan",),
            ),
            _actor("A2", "NLF", kind="ORG", hows=("acronym",)),
        ),
    )
    assert kb.links("a1")["A1"] == kb.links("a2")["A1"]
    assert kb.links("a1")["A2"] == kb.links("a2")["A2"]
    assert "A3" not in kb.links("a1")


def test_actor_keys_name_a_state_institution_by_country_sector_and_head() -> None:
    military = _actor(
        "A1", "Colombian military", kind="ORG", hows=("description",), country="COL", sector="MIL"
    )
    assert actor_keys(military)[0] == [
        ("institution:COL:MIL:military", "Colombian military", "institution")
    ]
    gang = _actor(
        "A2", "criminal gang", kind="ORG", hows=("description",), country="ECU", sector="CRM"
    )
    assert actor_keys(gang) == ([], [])


def test_merge_is_recorded_and_new_articles_and_rebuilds_follow_it(store: Store) -> None:
    kb = _ingest(
        store,
        _article("a1", "2024-01-05", _actor("A1", "Frente Sur", kind="ORG")),
        _article("a2", "2024-01-06", _actor("A1", "Southern Front", kind="ORG")),
    )
    merged = kb.merge("Frente Sur", ["Southern Front"])
    assert merged.articles == 2
    kb = _ingest(store, _article("a3", "2024-01-07", _actor("A1", "Southern Front", kind="ORG")))
    assert kb.links("a3")["A1"] == merged.id
    kb.rebuild()
    assert len({kb.links(a)["A1"] for a in ("a1", "a2", "a3")}) == 1
    assert kb.count() == 1


def test_split_moves_names_and_their_articles_and_lasts(store: Store) -> None:
    kb = _ingest(
        store,
        _article("a1", "2024-01-05", _actor("A1", "Frente Sur", kind="ORG")),
        _article("a2", "2024-01-06", _actor("A1", "Southern Front", kind="ORG")),
    )
    kb.merge("Frente Sur", ["Southern Front"])
    new = kb.split("Frente Sur", ["Southern Front"], name="Southern Front (Chile)")
    assert kb.links("a2")["A1"] == new.id != kb.links("a1")["A1"]
    kb.rebuild()
    assert kb.links("a2")["A1"] != kb.links("a1")["A1"]
    assert _by_name(kb, "Southern Front (Chile)")


def test_rename_keeps_the_name_against_later_articles(store: Store) -> None:
    kb = _ingest(store, _article("a1", "2024-01-05", _actor("A1", "Quintero")))
    kb.rename("Quintero", "Rafael 'El Tigre' Quintero")
    kb = _ingest(store, _article("a2", "2024-01-06", _actor("A1", "Rafael Quintero")))
    assert _by_name(kb, "Rafael 'El Tigre' Quintero")
    kb.rebuild()
    assert _by_name(kb, "Rafael 'El Tigre' Quintero")


def test_imported_actor_wins_over_the_articles_and_attracts_their_names(store: Store) -> None:
    kb = KnowledgeBase(store)
    kb.import_actors(
        [
            {
                "name": "Rafael Quintero",
                "aliases": ["El Tigre"],
                "kind": "PERSON",
                "country": "VEN",
                "sector": "REB",
            }
        ]
    )
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor("A1", "El Tigre", hows=("alias",), country="COL", sector="CRM"),
        ),
    )
    [kb_id] = _by_name(kb, "Rafael Quintero")
    assert kb.links("a1")["A1"] == kb_id
    actor = kb.show(kb_id).actor
    assert (actor.country, actor.sector, actor.origin) == ("VEN", "REB", "user")


def test_export_then_import_gives_another_database_the_same_actors(
    store: Store, tmp_path: Path
) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor("A1", "Lucia Ferraz", country="BRA", sector="GOV", roles=("finance minister",)),
        ),
        _article("a2", "2024-01-06", _actor("A1", "Frente Sur", kind="ORG")),
        _article("a3", "2024-01-07", _actor("A1", "Southern Front", kind="ORG")),
    )
    kb.merge("Frente Sur", ["Southern Front"])
    exported = kb.export()
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    with Store(tmp_path / "other.db") as other:
        target = KnowledgeBase(other)
        assert target.import_actors(exported["actors"]) == len(exported["actors"])
        ferraz = target.show("Lucia Ferraz")
        assert (ferraz.actor.country, ferraz.actor.sector) == ("BRA", "GOV")
        assert [r["role"] for r in ferraz.roles] == ["finance minister"]
        assert target.find("Southern Front") == target.find("Frente Sur")


def test_articles_stored_but_not_linked_are_linked_next_time(store: Store) -> None:
    store.add(_article("a1", "2024-01-05", _actor("A1", "Lucia Ferraz")))
    kb = KnowledgeBase(store)
    assert kb.count() == 0
    assert kb.link_pending() == 1
    assert kb.link_pending() == 0
    assert kb.count() == 1


def test_link_takes_the_records_in_hand_once_and_only_if_stored(store: Store) -> None:
    a1 = _article("a1", "2024-01-05", _actor("A1", "Lucia Ferraz"))
    a2 = _article("a2", "2024-01-06", _actor("A1", "Ferraz"))
    never_stored = _article("a3", "2024-01-06", _actor("A1", "Tomas Ruiz"))
    store.add_many([a1, a2])
    kb = KnowledgeBase(store)
    assert kb.link([a1, a2, never_stored, a1]) == 2
    assert kb.link([a1, a2]) == 0
    assert kb.link_pending() == 0
    assert kb.links("a1")["A1"] == kb.links("a2")["A1"]
    assert kb.links("a3") == {}
    assert kb.count() == 1


def test_actors_created_in_bulk_do_not_collide_with_curation(store: Store) -> None:
    kb = _ingest(
        store,
        _article("a1", "2024-01-05", _actor("A1", "Frente Sur", kind="ORG")),
        _article("a2", "2024-01-06", _actor("A1", "Southern Front", kind="ORG")),
    )
    kb.merge("Frente Sur", ["Southern Front"])
    made = kb.split("Frente Sur", ["Southern Front"], name="Southern Front (Chile)")
    store.add(_article("a3", "2024-01-07", _actor("A1", "Ana Souza")))
    assert kb.link_pending() == 1
    ids = [a.id for a in kb.actors(limit=None)]
    assert len(ids) == len(set(ids)) and made.id in ids
    assert kb.links("a3")["A1"] not in (made.id, kb.links("a1")["A1"])


def test_find_reports_unknown_and_ambiguous_names(store: Store) -> None:
    kb = _ingest(
        store,
        _article("a1", "2024-01-05", _actor("A1", "Juan Perez", country="ARG")),
        _article("a2", "2024-01-06", _actor("A1", "Juan Perez", country="MEX")),
    )
    with pytest.raises(KnowledgeError, match="no knowledge-base actor"):
        kb.find("Nobody")
    with pytest.raises(KnowledgeError, match="several actors"):
        kb.find("Juan Perez")
    with pytest.raises(KnowledgeError, match="into itself"):
        kb.merge("1", ["1"])


def test_a_database_made_before_the_knowledge_base_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0001")
    with Store(path) as store:
        names = set(sa.inspect(store.engine).get_table_names())
        assert "kb_actors" in names
        with store.engine.connect() as connection:
            assert connection.scalar(sa.select(sa.func.count()).select_from(kb_actors)) == 0


def test_a_capital_that_acts_and_a_described_government_are_one_entry(store: Store) -> None:
    kb = _ingest(
        store,
        _article(
            "a1",
            "2024-01-05",
            _actor(
                "A1",
                "Government of Venezuela",
                kind="ORG",
                hows=("metonym",),
                texts=("Caracas",),
                country="VEN",
                sector="GOV",
            ),
        ),
        _article(
            "a2",
            "2024-01-06",
            _actor(
                "A1",
                "Venezuelan government",
                kind="ORG",
                hows=("description",),
                country="VEN",
                sector="GOV",
            ),
        ),
        _article(
            "a3",
            "2024-01-07",
            _actor(
                "A1",
                "Government of Venezuela",
                kind="ORG",
                hows=("metonym",),
                texts=("Miraflores",),
                country="VEN",
                sector="GOV",
            ),
        ),
    )
    assert kb.links("a1") == kb.links("a2") == kb.links("a3")
    assert _by_name(kb, "Government of Venezuela")


def test_the_base_learns_from_the_text_and_resolves_a_later_surname(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    from eventwire.run.local import ingest as run_ingest

    first = tmp_path / "one.jsonl"
    first.write_text(
        json.dumps(
            {
                "id": "one",
                "published": "2025-03-01",
                "text": "Rafael Quintero Salas, the Southern Front commander, said on Monday that "
                "his fighters would not disarm. The Southern Front has fought the army since 2019.",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "two",
                "published": "2025-03-09",
                "text": "Quintero Salas said on Sunday that talks with the government had failed.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "learn.db") as store:
        report = run_ingest([str(first)], store, pipeline)
        assert report.added == 2 and report.linked == 2
        kb = KnowledgeBase(store)
        person = kb.find("Rafael Quintero Salas")
        assert person in kb.links("two").values()
        detail = kb.show(person)
        assert [a["name"] for a in detail.affiliations] == ["Southern Front"]
        assert (detail.actor.first_seen, detail.actor.last_seen) == ("2025-03-01", "2025-03-09")
