"""Near-duplicate articles: syndicated copies and lightly edited rewrites, by MinHash LSH.

Each article is reduced to the set of its word 3-grams (case and punctuation folded) and a
MinHash signature of that set (datasketch). An LSH index (datasketch's banding) finds earlier
articles whose estimated Jaccard similarity reaches the threshold; the most similar one is the
original, and the new article is kept as an extra source of it (a :class:`Copy`) instead of
being analysed again. Signatures and band keys are stored with their articles, so a later run
(or another process) finds copies of articles stored before without loading them all.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

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


@dataclass(slots=True, frozen=True)
class Signature:
    """An article's MinHash signature as stored: the values and the LSH band keys."""

    minhash: bytes
    bands: tuple[int, ...]


class SignatureStore(Protocol):
    """Where the signatures of stored articles are looked up (``eventwire.store.Store``)."""

    def band_candidates(self, bands: Sequence[int]) -> set[str]: ...

    def signatures_of(self, ids: Iterable[str]) -> dict[str, bytes]: ...


class DuplicateFinder:
    """An LSH index of article signatures that tells whether a new article is a near-duplicate.

    Banding follows datasketch's ``MinHashLSH`` (its optimal bands and rows for the threshold);
    band keys are 64-bit hashes, so they can live in the database: articles already stored are
    looked up there (``store``), and only the articles indexed since their last write are held
    in memory. Memory stays flat however many articles a run sees.

    Args:
        threshold: estimated Jaccard similarity of 3-gram sets at or above which an article is a
            copy of an indexed one.
        num_perm: MinHash permutations (stored signatures must have been made with as many).
        store: the stored articles' signatures and bands; None keeps everything in memory.
    """

    def __init__(
        self,
        threshold: float = 0.7,
        num_perm: int = NUM_PERM,
        store: SignatureStore | None = None,
    ) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.store = store
        self.ranges: list[tuple[int, int]] = list(
            MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges
        )
        # Permutations are drawn once; every MinHash made here shares them.
        self._permutations = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations
        self._signatures: dict[str, np.ndarray] = {}
        self._buckets: dict[int, list[str]] = {}

    def __len__(self) -> int:
        """Articles held in memory (indexed and not yet known to be stored)."""
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

    def bands(self, signature: np.ndarray) -> tuple[int, ...]:
        """The LSH band keys of a signature: one signed 64-bit hash per band."""
        values = signature.astype("<u4")
        keys = []
        for index, (start, end) in enumerate(self.ranges):
            digest = hashlib.blake2b(
                values[start:end].tobytes(),
                digest_size=8,
                person=b"eventwire-lsh",
                salt=bytes([index]),
            ).digest()
            keys.append(int.from_bytes(digest, "little", signed=True))
        return tuple(keys)

    def stored_form(self, signature: np.ndarray) -> Signature:
        """What the store keeps for an article: signature bytes and band keys."""
        return Signature(signature_bytes(signature), self.bands(signature))

    def add(self, article_id: str, signature: np.ndarray) -> None:
        """Index an article held in memory until :meth:`forget` (it is then in the store)."""
        if article_id in self._signatures:
            return
        self._signatures[article_id] = signature
        for key in self.bands(signature):
            self._buckets.setdefault(key, []).append(article_id)

    def add_many(self, items: Iterable[tuple[str, np.ndarray]]) -> int:
        """Index many ``(article_id, signature)`` pairs; return how many were new."""
        before = len(self._signatures)
        for article_id, signature in items:
            self.add(article_id, signature)
        return len(self._signatures) - before

    def remove(self, article_id: str) -> None:
        """Forget an article held in memory: stored now, or never to be stored."""
        signature = self._signatures.pop(article_id, None)
        if signature is None:
            return
        for key in self.bands(signature):
            bucket = self._buckets.get(key)
            if bucket is not None and article_id in bucket:
                bucket.remove(article_id)
                if not bucket:
                    del self._buckets[key]

    def held(self) -> list[str]:
        """The articles held in memory."""
        return list(self._signatures)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop articles from memory once the store holds them (and their bands)."""
        for article_id in article_ids:
            self.remove(article_id)

    def original(self, signature: np.ndarray) -> tuple[str, float] | None:
        """Return the indexed article most similar to ``signature`` and the similarity, if any
        reaches the threshold."""
        keys = self.bands(signature)
        candidates: dict[str, np.ndarray] = {}
        for key in keys:
            for article_id in self._buckets.get(key, ()):
                candidates[article_id] = self._signatures[article_id]
        if self.store is not None:
            stored = self.store.band_candidates(keys) - set(candidates)
            if stored:
                for article_id, data in self.store.signatures_of(stored).items():
                    candidates[article_id] = signature_from_bytes(data)
        best: tuple[str, float] | None = None
        for candidate, values in sorted(candidates.items()):
            similarity = float(np.mean(values == signature))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (candidate, similarity)
        return best


__all__ = [
    "NUM_PERM",
    "SHINGLE_WORDS",
    "Copy",
    "DuplicateFinder",
    "Signature",
    "SignatureStore",
    "shingles",
    "signature_bytes",
    "signature_from_bytes",
]
