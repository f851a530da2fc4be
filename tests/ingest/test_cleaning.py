"""Cleaning: captions, credit lines and repeated lines are reported as spans; text never moves."""

from __future__ import annotations

import pytest

from eventwire.ingest import Cleaning, clean, mask
from eventwire.records import Removed

CAPTION = "Supporters of the opposition gather outside the National Assembly in Caracas. Photo / AP"

WIRE_STORY = f"""CARACAS, Venezuela — Venezuela's government on Monday rejected new sanctions.
{CAPTION}
Foreign Minister Yvan Gil said Caracas would take the matter to the United Nations.

"These measures are illegal," Gil told reporters.
{CAPTION}
Opposition leaders welcomed the decision but urged talks before the election.
- additional reporting Washington Post"""


def removed_lines(text: str, cleaning: Cleaning) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.reason) for r in cleaning.removed]


def test_wire_story_caption_duplicate_and_credit_are_removed() -> None:
    result = clean(WIRE_STORY)
    assert removed_lines(WIRE_STORY, result) == [
        (CAPTION, "caption"),
        (CAPTION, "duplicate"),
        ("- additional reporting Washington Post", "credit"),
    ]
    assert result.credits == ["Photo / AP", "additional reporting Washington Post"]


def test_removed_spans_are_sorted_and_cover_lines_without_their_newline() -> None:
    result = clean(WIRE_STORY)
    starts = [r.start for r in result.removed]
    assert starts == sorted(starts)
    for span in result.removed:
        assert span.start == 0 or WIRE_STORY[span.start - 1] == "\n"
        assert span.end == len(WIRE_STORY) or WIRE_STORY[span.end] == "\n"
        assert "\n" not in WIRE_STORY[span.start : span.end]


def test_clean_does_not_change_the_text() -> None:
    text = WIRE_STORY
    clean(text)
    assert text == WIRE_STORY


def test_windows_line_ends_are_not_part_of_removed_spans() -> None:
    text = "Ministers met in Lima on Monday.\r\nA crowd outside. Photo: Reuters\r\nThey agreed."
    [span] = clean(text).removed
    assert text[span.start : span.end] == "A crowd outside. Photo: Reuters"


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Police stand guard in Lima. Photo / AP", "Photo / AP"),
        ("Police stand guard in Lima. Photo: Reuters", "Photo: Reuters"),
        (
            "Smoke rises over the city. Photograph: Jane Doe/Getty Images",
            "Photograph: Jane Doe/Getty Images",
        ),
        ("Voters queue in Caracas on Sunday. (AP Photo/John Smith)", "AP Photo/John Smith"),
        ("Rescue workers search the rubble. Picture: AFP", "Picture: AFP"),
        ("The president arrives in Brussels. Image: EPA", "Image: EPA"),
        ("The central bank building in Caracas. File photo", "File photo"),
        ("Refugees wait at the border (Photo: Reuters)", "Photo: Reuters"),
        ("Troops on parade. Jane Doe/AFP via Getty Images", "Jane Doe/AFP via Getty Images"),
        ("Photo by Jane Doe", "Photo by Jane Doe"),
    ],
)
def test_line_ending_with_photo_credit_is_a_caption(line: str, credit: str) -> None:
    text = f"The talks resumed on Monday.\n{line}\nBoth sides agreed to meet again."
    result = clean(text)
    assert removed_lines(text, result) == [(line, "caption")]
    assert result.credits == [credit]


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("- additional reporting Washington Post", "additional reporting Washington Post"),
        ("Additional reporting by Jane Roe in Lima", "Additional reporting by Jane Roe in Lima"),
        ("Additional reporting by Jane Roe in Lima.", "Additional reporting by Jane Roe in Lima"),
        (
            "(Reporting by Jane Roe; Editing by John Doe and Mark Heinrich)",
            "Reporting by Jane Roe; Editing by John Doe and Mark Heinrich",
        ),
        ("Writing by Sam Poe; Editing by Ann Moe", "Writing by Sam Poe; Editing by Ann Moe"),
        ("Compiled by Ann Moe", "Compiled by Ann Moe"),
        ("• Additional reporting by Reuters", "Additional reporting by Reuters"),
        (
            "Associated Press writer Jane Roe in Lima contributed to this report.",
            "Associated Press writer Jane Roe in Lima contributed to this report",
        ),
    ],
)
def test_reporting_credit_line_is_removed_and_recorded(line: str, credit: str) -> None:
    text = f"The talks resumed on Monday.\nBoth sides agreed to meet again.\n{line}\n"
    result = clean(text)
    assert removed_lines(text, result) == [(line, "credit")]
    assert result.credits == [credit]


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by the BBC showed that the minister had misled parliament.",
        "He looked at the photo and said nothing.",
        "Ministers met in Paris/Brussels on Monday to discuss AP/Reuters",
        "The president spoke at length about the crisis in Caracas",
        "Writing by hand, the prisoner described his arrest in detail.",
    ],
)
def test_story_sentence_is_kept(line: str) -> None:
    text = f"The talks resumed on Monday.\n{line}\nBoth sides agreed to meet again."
    assert clean(text) == Cleaning(removed=[], credits=[])


def test_repeated_line_second_and_later_copies_are_duplicates() -> None:
    line = "The ceasefire is due to take effect at midnight."
    text = f"{line}\nTalks continue.\n  {line}  \nMore talks.\n{line}"
    result = clean(text)
    assert [(r.reason, text[r.start : r.end].strip()) for r in result.removed] == [
        ("duplicate", line),
        ("duplicate", line),
    ]
    assert result.removed[0].start == text.index("  " + line)
    assert result.credits == []


def test_short_repeated_lines_are_kept() -> None:
    text = "Analysis\nThe first point.\nAnalysis\n***\n***"
    assert clean(text).removed == []


def test_caption_repeated_three_times_records_its_credit_once() -> None:
    text = f"{CAPTION}\nThe story.\n{CAPTION}\n{CAPTION}"
    result = clean(text)
    assert [r.reason for r in result.removed] == ["caption", "duplicate", "duplicate"]
    assert result.credits == ["Photo / AP"]


def test_credits_are_deduplicated_in_order_of_appearance() -> None:
    text = (
        "Police stand guard in Lima. Photo: Reuters\n"
        "The story goes on.\n"
        "A crowd gathers outside the palace. Photo: Reuters\n"
        "Additional reporting by Jane Roe"
    )
    result = clean(text)
    assert [r.reason for r in result.removed] == ["caption", "caption", "credit"]
    assert result.credits == ["Photo: Reuters", "Additional reporting by Jane Roe"]


def test_empty_text_has_nothing_to_remove() -> None:
    assert clean("") == Cleaning(removed=[], credits=[])


# mask


def test_mask_keeps_length_newlines_and_offsets() -> None:
    result = clean(WIRE_STORY)
    masked = mask(WIRE_STORY, result.removed)
    assert len(masked) == len(WIRE_STORY)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(WIRE_STORY) if c == "\n"
    ]
    assert "Photo / AP" not in masked
    assert "Washington Post" not in masked
    for word in ("Venezuela's government", "Foreign Minister Yvan Gil", "Opposition leaders"):
        assert masked.index(word) == WIRE_STORY.index(word)


def test_mask_blanks_span_across_lines_but_keeps_the_newline() -> None:
    assert mask("ab\ncd\nef", [Removed(1, 5, "boilerplate")]) == "a \n  \nef"


def test_mask_accepts_unsorted_and_overlapping_spans() -> None:
    text = "0123456789"
    spans = [Removed(6, 8, "x"), Removed(1, 4, "x"), Removed(3, 5, "x")]
    assert mask(text, spans) == "0    5  89"


def test_mask_with_nothing_removed_is_the_text() -> None:
    assert mask(WIRE_STORY, []) == WIRE_STORY
