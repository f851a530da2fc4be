from __future__ import annotations

import pytest

from eventwire.errors import InputError
from eventwire.ingest import Document
from eventwire.pipeline import Pipeline, normalize_published
from eventwire.records import Extraction, Failure, content_hash
from eventwire.schema import validate

STORY = (
    "Protesters marched in Lima on Monday. Police Chief Ana Quispe said the march was peaceful.\n"
    "Riot police stand by during the march in Lima, Peru. Photo: Reuters\n"
)


def test_extract_returns_the_contract_with_text_unchanged(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(
        STORY, published="2026-03-02", title="March", url="https://e.org/1"
    )
    record = extraction.to_dict()
    validate(record)
    assert record["schema"] == "eventwire/1"
    assert extraction.article.text == STORY
    assert extraction.article.id == extraction.article.hash == content_hash(STORY)
    assert extraction.article.published == "2026-03-02"
    assert [(q.kind, q.content.text) for q in extraction.quotes] == [
        ("indirect", "the march was peaceful")
    ]
    assert [(e.type, e.trigger.text) for e in extraction.events] == [("PROTEST", "marched")]
    assert [(p.name, p.country, p.feature) for p in extraction.places] == [("Lima", "PER", "city")]
    assert [(d.text, d.value) for d in extraction.dates] == [("Monday", "2026-03-02")]


def test_removed_caption_is_left_out_of_extraction(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(STORY)
    caption = extraction.article.removed[0]
    assert caption.reason == "caption"
    for actor in extraction.actors:
        for m in actor.mentions:
            assert not (caption.start <= m.start < caption.end)
    assert extraction.article.credits == ["Photo: Reuters"]


def test_input_id_is_kept_and_hash_is_content_hash(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(STORY, id="wire-42")
    assert extraction.article.id == "wire-42"
    assert extraction.article.hash == content_hash(STORY)


def test_extraction_round_trips_through_dict(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(STORY)
    assert Extraction.from_dict(extraction.to_dict()).to_dict() == extraction.to_dict()


def test_extract_many_streams_in_input_order(pipeline: Pipeline) -> None:
    texts = [f"Official number {n} met Maria Perez in Quito." for n in range(40)]
    results = list(pipeline.extract_many(texts))
    assert [r.article.text for r in results] == texts


def test_process_turns_a_bad_document_into_a_failure_and_goes_on(pipeline: Pipeline) -> None:
    items = [
        Document(text="Kenya and Uganda signed a deal.", origin="a.txt"),
        Document(text="   \n", origin="b.txt"),
        Failure("c.txt", "binary file, not text"),
        Document(text="Talks resumed in Nairobi.", origin="d.txt"),
    ]
    results = list(pipeline.process(items))
    assert [type(r).__name__ for r in results] == ["Extraction", "Failure", "Failure", "Extraction"]
    failure = results[1]
    assert isinstance(failure, Failure) and failure.input == "b.txt"
    assert failure.reason == "empty input"


def test_extract_rejects_too_long_text_with_a_clear_reason(pipeline: Pipeline) -> None:
    limited = Pipeline(pipeline.settings.model_copy(update={"max_chars": 50}), nlp=pipeline.nlp)
    with pytest.raises(InputError, match="too large: 60 characters"):
        limited.extract("x" * 60)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-02", "2026-03-02"),
        ("2026-03-02T10:30:00Z", "2026-03-02T10:30:00+00:00"),
        ("", None),
        (None, None),
        ("last Tuesday", None),
    ],
)
def test_published_dates_are_normalised_to_iso(value: str | None, expected: str | None) -> None:
    assert normalize_published(value) == expected


def test_dates_round_trip_through_the_json_record(pipeline: Pipeline) -> None:
    from eventwire.records import Extraction
    from eventwire.schema import validate

    extraction = pipeline.extract("The talks ended yesterday in Geneva.", published="2020-05-06")
    data = extraction.to_dict()
    validate(data)
    assert [d["value"] for d in data["dates"]] == ["2020-05-05"]
    assert Extraction.from_dict(data).to_dict() == data
