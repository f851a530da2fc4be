from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.evaluate import Score, below_floor, floors
from eventwire.evaluate.ingest import score_ingest, token_prf

BODY = " ".join(
    f"Paragraph {n}: the regional council met farmers to discuss the irrigation plan and its cost."
    for n in range(12)
)


def test_token_prf_counts_overlapping_tokens() -> None:
    assert token_prf("a b c d", "a b c d") == (1.0, 1.0, 1.0)
    precision, recall, f1 = token_prf("a b x", "a b c d")
    assert (round(precision, 3), recall) == (0.667, 0.5)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert token_prf("", "a") == (0.0, 0.0, 0.0)


def test_below_floor_names_each_metric_under_its_floor() -> None:
    floor = floors()["ingest"]["f1"]
    low = Score("ingest", "x", {"f1": floor - 0.01})
    high = Score("ingest", "x", {"f1": floor + 0.01})
    assert below_floor(high) == []
    assert below_floor(low) and "ingest f1" in below_floor(low)[0]


def _benchmark(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    paragraphs = "".join(f"<p>{s}.</p>" for s in BODY.split(". "))
    page = (
        "<html><head><title>Council</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Council meets farmers</h1>{paragraphs}</article>"
        "<footer>Copyright</footer></body></html>"
    )
    (root / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (root / "ground-truth.json").write_text(
        json.dumps({"p1": {"articleBody": BODY, "url": "https://example.org/p1"}})
    )
    return root


def test_score_ingest_on_a_small_benchmark(tmp_path: Path) -> None:
    score = score_ingest(_benchmark(tmp_path / "bench"))
    assert score.counts == {"pages": 1, "no_body": 0}
    assert score.metrics["recall"] > 0.9


def test_evaluate_command_writes_json_and_skips_missing_sets(tmp_path: Path) -> None:
    data = _benchmark(tmp_path / "bench")
    out = tmp_path / "results"
    result = CliRunner().invoke(
        app, ["evaluate", "ingest", "--data", str(data), "--out", str(out), "--check"]
    )
    assert result.exit_code == 0, result.stdout
    assert json.loads((out / "ingest.json").read_text())["counts"]["pages"] == 1
    missing = CliRunner().invoke(app, ["evaluate", "ingest", "--data", str(tmp_path / "none")])
    assert missing.exit_code == 0 and "skipped ingest" in missing.stdout
