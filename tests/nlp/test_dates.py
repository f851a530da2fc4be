from __future__ import annotations

import pytest

from eventwire.nlp.dates import parse_published
from eventwire.pipeline import Pipeline
from eventwire.records import DateMention

# Sunday 24 February 2019
PUBLISHED = "2019-02-24"


def _dates(pipeline: Pipeline, text: str, published: str | None = PUBLISHED) -> list[DateMention]:
    return pipeline.extract(text, published=published).dates


def _one(dates: list[DateMention], text: str) -> DateMention:
    found = [d for d in dates if d.text == text]
    assert len(found) == 1, f"{text!r} not found once in {[d.text for d in dates]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "value", "grain"),
    [
        ("Protesters clashed with police yesterday.", "yesterday", "2019-02-23", "day"),
        ("The talks collapsed last week.", "last week", "2019-W07", "week"),
        ("The minister resigned on Monday.", "Monday", "2019-02-18", "day"),
        ("The minister resigned on Saturday.", "Saturday", "2019-02-23", "day"),
        ("The ministers will meet on Monday.", "Monday", "2019-02-25", "day"),
        ("Prices rose sharply last month.", "last month", "2019-01", "month"),
        ("The group was founded in 2018.", "2018", "2018", "year"),
        ("The ceasefire began on Feb. 3.", "Feb. 3", "2019-02-03", "day"),
        ("Elections are due on Dec. 30.", "Dec. 30", "2018-12-30", "day"),
        ("The bridge opened on March 4, 2017.", "March 4, 2017", "2017-03-04", "day"),
        ("The bridge opened on 4 March 2017.", "4 March 2017", "2017-03-04", "day"),
        ("The bridge opened in March 2017.", "March 2017", "2017-03", "month"),
        ("The bridge opened on 2017-03-04.", "2017-03-04", "2017-03-04", "day"),
        ("The rebels attacked three days ago.", "three days ago", "2019-02-21", "day"),
        ("The crowd gathered last night.", "last night", "2019-02-23", "day"),
        ("Talks resume next year.", "next year", "2020", "year"),
        ("The vote took place last Friday.", "last Friday", "2019-02-22", "day"),
    ],
)
def test_dates_resolve_against_the_publication_date(
    pipeline: Pipeline, text: str, expression: str, value: str, grain: str
) -> None:
    date = _one(_dates(pipeline, text), expression)
    assert (date.value, date.grain) == (value, grain)
    assert text[date.start : date.end] == date.text


def test_relative_dates_without_publication_are_kept_unresolved(pipeline: Pipeline) -> None:
    dates = _dates(
        pipeline, "Troops withdrew yesterday, a week after the 2018 accord, and last month.", None
    )
    yesterday = _one(dates, "yesterday")
    assert yesterday.value is None and yesterday.relative and yesterday.grain == "day"
    assert _one(dates, "last month").value is None
    assert _one(dates, "2018").value == "2018"  # absolute: no publication date needed


def test_absolute_dates_are_not_relative(pipeline: Pipeline) -> None:
    date = _one(_dates(pipeline, "It ended on March 4, 2017."), "March 4, 2017")
    assert not date.relative


def test_month_names_used_as_words_are_not_dates(pipeline: Pipeline) -> None:
    dates = _dates(pipeline, "Officials may march to the square, and they may win.")
    assert [d for d in dates if d.value] == []


def test_street_numbers_are_not_years(pipeline: Pipeline) -> None:
    dates = _dates(pipeline, "Police searched the house at 1935 Orchard Street.")
    assert not [d for d in dates if d.value == "1935"]


def test_date_ids_follow_the_text(pipeline: Pipeline) -> None:
    dates = _dates(pipeline, "On Monday they met; yesterday they signed; in 2020 they vote.")
    assert [d.id for d in dates] == [f"D{i}" for i in range(1, len(dates) + 1)]
    assert [d.start for d in dates] == sorted(d.start for d in dates)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-02-24", "2019-02-24"), ("2019-02-24T10:30:00+00:00", "2019-02-24"), (None, None)],
)
def test_publication_dates_and_date_times_give_the_calendar_day(
    value: str | None, expected: str | None
) -> None:
    parsed = parse_published(value)
    assert (parsed.isoformat() if parsed else None) == expected
