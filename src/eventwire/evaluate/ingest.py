"""Scorer for article-body extraction from HTML pages.

Data: the Scrapinghub article-extraction benchmark (``html/<id>.html.gz`` and
``ground-truth.json``). Metric as upstream: token-level precision, recall and F1 of the
extracted body against the gold body, averaged over pages; a page with no body scores 0.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from pathlib import Path

from eventwire.errors import InputError
from eventwire.evaluate import Score, register_scorer, require
from eventwire.ingest.readers import html_document
from eventwire.settings import Settings

logger = logging.getLogger(__name__)


def token_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 of two texts (bags of whitespace tokens)."""
    pred, ref = Counter(predicted.split()), Counter(gold.split())
    overlap = sum((pred & ref).values())
    if not pred or not ref or not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(ref.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


@register_scorer("ingest", "data/extraction/scrapinghub-article-extraction-benchmark")
def score_ingest(data: Path, limit: int | None = None) -> Score:
    """Score the HTML reader's article bodies against the gold bodies."""
    gold = json.loads(require(data / "ground-truth.json", "ground truth").read_text("utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    settings = Settings()
    totals = [0.0, 0.0, 0.0]
    empty = 0
    for item_id in ids:
        raw = gzip.decompress(require(data / "html" / f"{item_id}.html.gz", "page").read_bytes())
        try:
            body = html_document(raw, item_id, settings).text
        except InputError:
            body = ""
            empty += 1
        for k, value in enumerate(token_prf(body, gold[item_id]["articleBody"])):
            totals[k] += value
    n = len(ids)
    return Score(
        stage="ingest",
        dataset=str(data),
        metrics={"precision": totals[0] / n, "recall": totals[1] / n, "f1": totals[2] / n},
        counts={"pages": n, "no_body": empty},
    )
