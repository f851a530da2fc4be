"""Near-duplicate articles: syndicated copies and lightly edited rewrites, by MinHash LSH.

Each article is reduced to the set of its word 3-grams (case and punctuation folded) and a
MinHash signature of that set (datasketch). An LSH index finds earlier articles whose estimated
Jaccard similarity reaches the threshold; the most similar one is the original, and the new
article is kept as an extra source of it (a :class:`Copy`) instead of being analysed again.
Signatures are stored with their articles, so a later run finds copies of articles stored before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

logger = logging.getLogger(__name__)

#: Words per shingle: 3-grams survive light edits yet rarely match across different stories.
SHINGLE_WORDS = 3
#: MinHash permutations; the signature is stored as this many 32-bit values.
NUM_PERM = 128
_SEED = 1
#: datasketch's 32-bit permutation scheme: signatures are 32-bit values.
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")


@dataclass(slots=True, frozen=True)
class Copy:
    """An article found to be a near-duplicate of an analysed one."""

    id: str
    of: str
    hash: str
    similarity: float
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the word ``size``-grams of a text, case-folded, as UTF-8 bytes.

    A text shorter than ``size`` words gives one shingle of all its words.
    """
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature_bytes(signature: np.ndarray) -> bytes:
    """Serialise a signature (little-endian 32-bit values) for the database."""
    return signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Read a signature written by :func:`signature_bytes`."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


class DuplicateFinder:
    """An index of article signatures that tells whether a new article is a near-duplicate.

    Args:
        threshold: estimated Jaccard similarity of 3-gram sets at or above which an article is a
            copy of an indexed one.
        num_perm: MinHash permutations (the stored signatures must have been made with as many).
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, np.ndarray] = {}
        # Permutations are drawn once; every MinHash made here shares them.
        self._permutations = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def signature(self, text: str) -> np.ndarray:
        """Return the MinHash signature of a text's 3-grams."""
        minhash = MinHash(
            num_perm=self.num_perm, seed=_SEED, permutations=self._permutations, scheme=_SCHEME
        )
        minhash.update_batch(list(shingles(text)))
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def add(self, article_id: str, signature: np.ndarray) -> None:
        """Index an analysed article; an id already indexed is left as it is."""
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, self._minhash(signature))
        self._signatures[article_id] = signature

    def remove(self, article_id: str) -> None:
        """Forget an article (one that was indexed but could not be stored)."""
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> int:
        """Index many ``(article_id, signature)`` pairs; return how many were new."""
        before = len(self._signatures)
        for article_id, signature in items:
            self.add(article_id, signature)
        return len(self._signatures) - before

    def original(self, signature: np.ndarray) -> tuple[str, float] | None:
        """Return the indexed article most similar to ``signature`` and the similarity, if any
        reaches the threshold."""
        best: tuple[str, float] | None = None
        for candidate in self._lsh.query(self._minhash(signature)):
            similarity = float(np.mean(self._signatures[candidate] == signature))
            if similarity >= self.threshold and (
                best is None or (similarity, best[0]) > (best[1], candidate)
            ):
                best = (str(candidate), similarity)
        return best

    def _minhash(self, signature: np.ndarray) -> MinHash:
        return MinHash(
            num_perm=self.num_perm,
            seed=_SEED,
            hashvalues=signature,
            permutations=self._permutations,
            scheme=_SCHEME,
        )


__all__ = [
    "NUM_PERM",
    "SHINGLE_WORDS",
    "Copy",
    "DuplicateFinder",
    "shingles",
    "signature_bytes",
    "signature_from_bytes",
]
