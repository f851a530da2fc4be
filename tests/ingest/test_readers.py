"""Readers: plain text, HTML, JSON Lines, directories, standard input, and every bad input."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import READERS, Document, read_inputs, register_reader
from eventwire.ingest.readers import html_document
from eventwire.records import Failure
from eventwire.settings import Settings

STORY = (
    "  CARACAS (AP) — Venezuela's government on Monday rejected new sanctions.\r\n"
    "\r\n"
    "The foreign minister called them illegal.\n"
)

ARTICLE_PARAGRAPHS = (
    "CARACAS — Venezuela’s government on Tuesday rejected a new round of sanctions announced "
    "by the United States, calling them an illegal attempt to strangle the country’s economy.",
    "Foreign Minister Yvan Gil said in a statement that Caracas would take the matter to the "
    "United Nations and would seek support from its allies in the region and beyond.",
    "The measures target the state oil company and several senior officials, including two "
    "ministers and the head of the central bank, according to the Treasury Department.",
    "Opposition leaders welcomed the decision but urged Washington to keep channels open for "
    "negotiations ahead of the presidential election planned for later this year.",
)


def html_page(charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>Venezuela rejects new sanctions | Daily Wire Report</title>
<meta property="og:title" content="Venezuela rejects new sanctions">
<meta property="og:site_name" content="Daily Wire Report">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://news.example.org/world/venezuela-sanctions">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Venezuela rejects new sanctions</h1>
{paragraphs}
</article>
<footer>© 2024 Daily Wire Report. All rights reserved.</footer>
</body>
</html>
"""


@pytest.fixture
def settings() -> Settings:
    return Settings(max_chars=1_000_000, max_file_bytes=20_000_000)


def read(paths: list[Path | str], settings: Settings) -> list[Document | Failure]:
    return list(read_inputs([str(p) for p in paths], settings))


def only_failure(items: list[Document | Failure]) -> Failure:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, Failure), item
    assert item.stage == "ingest"
    return item


def documents(items: list[Document | Failure]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Plain text


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md", ".TXT"])
def test_text_file_text_is_the_file_unchanged(
    tmp_path: Path, settings: Settings, suffix: str
) -> None:
    path = tmp_path / f"story{suffix}"
    path.write_bytes(STORY.encode("utf-8"))
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert doc.text == STORY  # no strip, "\r\n" kept: offsets equal file offsets
    assert doc.origin == str(path)
    assert (doc.id, doc.title, doc.url, doc.published, doc.source) == (None,) * 5


def test_text_file_utf8_byte_order_mark_is_not_part_of_the_text(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert doc.text == STORY


def test_text_file_in_utf16_with_byte_order_mark_is_decoded(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-16"))
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert doc.text == STORY


def test_file_named_without_suffix_is_read_as_text(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "STORY"
    path.write_text(STORY, encoding="utf-8", newline="")
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert doc.text == STORY


def test_file_named_with_unknown_suffix_is_a_failure(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "story.pdf"
    path.write_bytes(b"%PDF-1.7")
    failure = only_failure(read([path], settings))
    assert failure.reason.startswith("no reader for '.pdf' files")


# HTML


def test_html_page_gives_body_title_date_url_and_source(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in doc.text
    assert "All rights reserved" not in doc.text
    assert "Home" not in doc.text
    assert doc.title == "Venezuela rejects new sanctions"
    assert doc.published == "2024-03-05"
    assert doc.url == "https://news.example.org/world/venezuela-sanctions"
    assert doc.source == "Daily Wire Report"
    assert doc.origin == str(path)


@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1"])
def test_html_declared_charset_is_honoured(
    tmp_path: Path, settings: Settings, declared: str
) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(html_page(declared).encode("windows-1252"))
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert "Venezuela’s government" in doc.text


def test_html_http_equiv_charset_is_honoured(tmp_path: Path, settings: Settings) -> None:
    page = html_page().replace(
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("windows-1252"))
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert "the country’s economy" in doc.text


def test_html_declared_legacy_charset_but_valid_utf8_is_read_as_utf8(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(html_page("iso-8859-1").encode("utf-8"))
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert "Venezuela’s government" in doc.text


def test_html_without_article_body_is_a_failure(tmp_path: Path, settings: Settings) -> None:
    # A page rendered in the browser: the file itself holds no article.
    path = tmp_path / "app-shell.html"
    path.write_text(
        "<html><head><title>Live coverage</title><script>window.config = {};</script></head>"
        '<body><div id="root"></div><script src="/app.js"></script></body></html>',
        encoding="utf-8",
    )
    failure = only_failure(read([path], settings))
    assert failure.input == str(path)
    assert failure.reason == "no article body found in the HTML"


def test_html_document_takes_page_bytes() -> None:
    page = html_page("windows-1252").encode("windows-1252")
    doc = html_document(page, "page-7", Settings())
    assert doc.origin == "page-7"
    assert ARTICLE_PARAGRAPHS[0] in doc.text
    with pytest.raises(InputError, match="no article body found in the HTML"):
        html_document(b"<html><body><script>render()</script></body></html>", "page-8", Settings())


def test_html_body_over_max_chars_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(html_page(), encoding="utf-8")
    failure = only_failure(read([path], Settings(max_chars=100)))
    assert failure.reason.startswith("too large: ")
    assert failure.reason.endswith(" characters (limit 100; raise EVENTWIRE_MAX_CHARS)")


# JSON Lines


def test_jsonl_lines_become_documents_with_metadata_and_line_origins(
    tmp_path: Path, settings: Settings
) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            json.dumps(
                {
                    "id": 17,
                    "text": " First story.\n",
                    "title": "One",
                    "url": "https://example.org/1",
                    "published": "2024-03-05",
                    "source": "Wire",
                }
            ),
            "",
            "   ",
            json.dumps({"id": "b", "text": "Second story."}),
        ],
    )
    first, second = read([path], settings)
    assert first == Document(
        text=" First story.\n",
        origin=f"{path}:1",
        id="17",
        title="One",
        url="https://example.org/1",
        published="2024-03-05",
        source="Wire",
    )
    assert second == Document(text="Second story.", origin=f"{path}:4", id="b")


def test_ndjson_suffix_is_read_as_json_lines(tmp_path: Path, settings: Settings) -> None:
    path = write_jsonl(tmp_path / "batch.ndjson", [json.dumps({"text": "A story."})])
    [doc] = read([path], settings)
    assert isinstance(doc, Document)
    assert doc.origin == f"{path}:1"


def test_jsonl_line_not_json_is_a_failure_and_batch_goes_on(
    tmp_path: Path, settings: Settings
) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [json.dumps({"text": "One."}), '{"text": "broken', json.dumps({"text": "Three."})],
    )
    first, failure, third = read([path], settings)
    assert isinstance(failure, Failure)
    assert failure.input == f"{path}:2"
    assert failure.reason.startswith("line is not valid JSON: ")
    assert [d.text for d in documents([first, third])] == ["One.", "Three."]


@pytest.mark.parametrize(
    "line",
    [
        json.dumps({"title": "No text"}),
        json.dumps({"text": ""}),
        json.dumps({"text": "  \n "}),
        json.dumps({"text": 42}),
        json.dumps(["a", "list"]),
        json.dumps("just a string"),
    ],
)
def test_jsonl_line_without_text_is_a_failure_and_batch_goes_on(
    tmp_path: Path, settings: Settings, line: str
) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", [line, json.dumps({"text": "Next."})])
    failure, doc = read([path], settings)
    assert failure == Failure(f"{path}:1", "missing 'text' field")
    assert isinstance(doc, Document)
    assert doc.text == "Next."


def test_jsonl_article_over_max_chars_is_a_failure_and_batch_goes_on(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [json.dumps({"text": "x" * 11}), json.dumps({"text": "y" * 10})],
    )
    failure, doc = read([path], Settings(max_chars=10))
    assert failure == Failure(
        f"{path}:1", "too large: 11 characters (limit 10; raise EVENTWIRE_MAX_CHARS)"
    )
    assert isinstance(doc, Document)
    assert doc.text == "y" * 10


def test_jsonl_line_far_too_long_is_one_failure_and_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    huge = json.dumps({"text": "z" * 200_000})
    write_jsonl(path, [huge, json.dumps({"text": "Fine."})])
    failure, doc = read([path], Settings(max_chars=10))
    assert isinstance(failure, Failure)
    assert failure.input == f"{path}:1"
    assert failure.reason.startswith("too large: more than ")
    assert failure.reason.endswith("raise EVENTWIRE_MAX_CHARS)")
    assert isinstance(doc, Document)
    assert (doc.text, doc.origin) == ("Fine.", f"{path}:2")


def test_jsonl_file_is_not_limited_by_max_file_bytes(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl", [json.dumps({"text": f"Story {n}."}) for n in range(50)]
    )
    items = read([path], Settings(max_file_bytes=100))
    assert len(documents(items)) == 50


def test_jsonl_line_not_utf8_is_a_failure_and_batch_goes_on(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n{"text": "ok"}\n')
    failure, doc = read([path], settings)
    assert failure == Failure(
        f"{path}:1",
        "not valid UTF-8 (byte 0xe9 at offset 13); re-encode the file as UTF-8",
    )
    assert isinstance(doc, Document)


# Bad files of every kind: exactly one failure each, and the batch goes on.


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.jsonl"])
@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_input_is_a_failure(
    tmp_path: Path, settings: Settings, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert only_failure(read([path], settings)) == Failure(str(path), "empty input")


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.jsonl"])
def test_binary_file_is_a_failure(tmp_path: Path, settings: Settings, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    assert only_failure(read([path], settings)) == Failure(str(path), "binary file, not text")


def test_undecodable_text_file_is_a_failure_naming_byte_and_offset(
    tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Hello world\n\xff and more")
    failure = only_failure(read([path], settings))
    assert failure.reason == (
        "not valid UTF-8 (byte 0xff at offset 12); re-encode the file as UTF-8"
    )


def test_missing_path_is_a_failure_and_batch_goes_on(tmp_path: Path, settings: Settings) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A story.", encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    failure, doc = read([missing, good], settings)
    assert failure == Failure(str(missing), "no such file or directory")
    assert isinstance(doc, Document)
    assert doc.text == "A story."


def test_text_over_max_chars_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("é" * 11, encoding="utf-8")  # 11 characters, 22 bytes
    failure = only_failure(read([path], Settings(max_chars=10)))
    assert failure.reason == "too large: 11 characters (limit 10; raise EVENTWIRE_MAX_CHARS)"


def test_text_at_max_chars_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("é" * 10, encoding="utf-8")
    [doc] = read([path], Settings(max_chars=10))
    assert isinstance(doc, Document)


@pytest.mark.parametrize("name", ["big.txt", "big.html"])
def test_file_over_max_file_bytes_is_a_failure_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"word " * 400_000)  # 2 MB

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    failure = only_failure(read([path], Settings(max_file_bytes=1_000_000)))
    assert failure.reason == (
        "too large: 2000000 bytes (limit 1000000; raise EVENTWIRE_MAX_FILE_BYTES)"
    )


def test_unreadable_file_is_a_failure_with_the_os_message(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod does not stop root, so the refusal is simulated.
    path = tmp_path / "secret.txt"
    path.write_text("A story.", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Another story.", encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    failure, doc = read([path, good], settings)
    assert failure == Failure(str(path), "Permission denied")
    assert isinstance(doc, Document)


def test_each_failure_is_logged_once_at_warning_naming_input_and_reason(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "nowhere.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest"):
        read([missing, empty], settings)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert str(missing) in warnings[0].getMessage()
    assert "no such file or directory" in warnings[0].getMessage()
    assert str(empty) in warnings[1].getMessage()
    assert "empty input" in warnings[1].getMessage()
    assert all("\n" not in r.getMessage() for r in warnings)


# Directories


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden_and_unknown(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "corpus"
    (root / "b-dir" / "deeper").mkdir(parents=True)
    (root / "a-dir").mkdir()
    (root / ".hidden-dir").mkdir()
    files = {
        "z.txt": "Zulu story.",
        "a-dir/m.md": "Mike story.",
        "b-dir/deeper/c.txt": "Charlie story.",
        "b-dir/a.text": "Alpha story.",
        "0.txt": "Zero story.",
        ".hidden.txt": "Hidden story.",
        ".hidden-dir/x.txt": "Hidden dir story.",
        "notes.dat": "not,an,article",
        "image.png": "not an article",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "b-dir" / "feed.jsonl").write_text(
        json.dumps({"text": "Line story."}) + "\n", encoding="utf-8"
    )
    with caplog.at_level(logging.DEBUG, logger="eventwire.ingest"):
        items = read([root], settings)
    assert all(isinstance(item, Document) for item in items)
    assert [item.origin for item in documents(items)] == [
        str(root / "0.txt"),
        str(root / "a-dir" / "m.md"),
        str(root / "b-dir" / "a.text"),
        str(root / "b-dir" / "deeper" / "c.txt"),
        f"{root / 'b-dir' / 'feed.jsonl'}:1",
        str(root / "z.txt"),
    ]
    skipped = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("notes.dat" in message for message in skipped)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_bad_file_in_directory_is_a_failure_and_the_rest_is_read(
    tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("A story.", encoding="utf-8")
    failure, doc = read([tmp_path], settings)
    assert failure == Failure(str(tmp_path / "a.txt"), "empty input")
    assert isinstance(doc, Document)


# Standard input


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text_is_one_document_unchanged(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    feed_stdin(monkeypatch, ("\n\n" + STORY).encode("utf-8"))
    [doc] = read(["-"], settings)
    assert doc == Document(text="\n\n" + STORY, origin="<stdin>")


def test_stdin_starting_with_brace_is_json_lines(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    lines = ["", "  " + json.dumps({"id": 1, "text": "One."}), "nope", json.dumps({"text": "Two."})]
    feed_stdin(monkeypatch, "\n".join(lines).encode("utf-8"))
    first, failure, second = read(["-"], settings)
    assert first == Document(text="One.", origin="<stdin>:2", id="1")
    assert isinstance(failure, Failure)
    assert failure.input == "<stdin>:3"
    assert second == Document(text="Two.", origin="<stdin>:4")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b" \n\n ", "empty input"),
        (b"caf\xe9", "not valid UTF-8 (byte 0xe9 at offset 3); re-encode the file as UTF-8"),
        (b"text\x00with nul", "binary file, not text"),
        (b"x" * 101, "too large: more than 100 bytes (limit 100; raise EVENTWIRE_MAX_FILE_BYTES)"),
    ],
)
def test_bad_stdin_is_one_failure(
    monkeypatch: pytest.MonkeyPatch, data: bytes, reason: str
) -> None:
    feed_stdin(monkeypatch, data)
    assert only_failure(read(["-"], Settings(max_file_bytes=100))) == Failure("<stdin>", reason)


# The reader registry


def test_registered_reader_reads_its_suffix_in_directories(
    tmp_path: Path, settings: Settings
) -> None:
    @register_reader("csvx")
    def read_csvx(path: Path, settings: Settings) -> Iterator[Document | Failure]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield Document(text=line, origin=f"{path}:{number}")

    try:
        (tmp_path / "rows.CSVX").write_text("one\ntwo\n", encoding="utf-8")
        items = read([tmp_path], settings)
        assert [d.text for d in documents(items)] == ["one", "two"]
    finally:
        READERS.pop(".csvx")


def test_built_in_readers_are_registered_by_suffix() -> None:
    for suffix in (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson"):
        assert suffix in READERS
