"""A faster attribute ruler: spaCy's ``AttributeRuler``, its patterns compiled to look-ups.

spaCy's ``attribute_ruler`` runs a Matcher over its patterns (179 in ``en_core_web_sm``), then for
every match builds a ``Span`` and sets the attributes in Python: about one match per token, so it
costs a tenth of the small model's time on news text. :class:`FastAttributeRuler` is a subclass
that produces exactly the same token attributes. It compiles the patterns it can express with
token-attribute tests (equality, ``IN``, ``NOT_IN``, ``REGEX`` on the attributes ``Doc.to_array``
reads as the Matcher does, fixed-length sequences, writing POS, TAG, LEMMA, MORPH or DEP) and
evaluates them once per distinct combination of the attribute values the patterns test, with
numpy over the whole Doc, then writes the results back with ``Doc.from_array``. Any other pattern
(quantifiers, extension attributes, other predicates or attributes) stays with spaCy's own
Matcher and ``set_token_attrs``, and the two are merged in pattern order, as spaCy applies them:
every pattern is matched on the Doc as it was before the ruler ran, and for each token and
attribute the pattern added last wins.

Everything else (``add``, ``add_patterns``, ``patterns``, ``initialize``, serialisation) is
spaCy's, so the component loads and saves like an ``attribute_ruler``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    IDS,
    LEMMA,
    LENGTH,
    LOWER,
    MORPH,
    NORM,
    ORTH,
    POS,
    PREFIX,
    SHAPE,
    SUFFIX,
    TAG,
)
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.tokens._retokenize import set_token_attrs
from spacy.vocab import Vocab

logger = logging.getLogger(__name__)

#: Attributes a compiled pattern may test: ``Doc.to_array`` reads them exactly as the Matcher
#: does (token flags below 64 too); SENT_START, ENT_IOB and the like are left to the Matcher.
_TESTABLE = frozenset(
    {ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LENGTH, TAG, POS, DEP, LEMMA, MORPH, ENT_TYPE}
)
#: Attributes a string REGEX may test (the Matcher searches the attribute's string).
_STRING_ATTRS = frozenset({ORTH, LOWER, NORM, SHAPE, PREFIX, SUFFIX, TAG, DEP, LEMMA, ENT_TYPE})
#: Attributes a compiled pattern may set: ``set_token_attrs`` sets them on the token alone (the
#: lexeme has no such field), as ``Doc.from_array`` does.
_WRITABLE = (POS, TAG, LEMMA, MORPH, DEP)
#: Above this many entries a look-up cache is emptied (they stay small on real text).
_CACHE_LIMIT = 200_000


class _NotCompilable(Exception):
    """A pattern the compiled matcher cannot express; spaCy's Matcher handles it."""


@dataclass(slots=True)
class _Condition:
    """One test on one attribute of a token: ``kind`` is eq, in, not_in or regex."""

    attr: int
    kind: str
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None


@dataclass(slots=True)
class _Column:
    """An attribute some pattern tests, with the values and regexes the tests mention.

    Each token's value is reduced to a small class number: the position of the value among the
    mentioned ones, or, for any other value, ``len(values)`` plus the bits of the regexes it
    matches. Every test gives the same answer for every value of a class.
    """

    attr: int
    values: list[int] = field(default_factory=list)
    regexes: list[re.Pattern[str]] = field(default_factory=list)
    #: (spec number, test) for each test of a token spec on this attribute
    tests: list[tuple[int, _Condition]] = field(default_factory=list)
    position: dict[int, int] = field(default_factory=dict)
    cache: dict[int, int] = field(default_factory=dict)
    masks: dict[int, int] = field(default_factory=dict)
    sorted_values: np.ndarray[Any, np.dtype[np.uint64]] = field(
        default_factory=lambda: np.zeros(0, dtype=np.uint64)
    )
    sorted_classes: np.ndarray[Any, np.dtype[np.int64]] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )

    def freeze(self) -> None:
        """Index the mentioned values, once all the tests are known."""
        self.position = {v: i for i, v in enumerate(self.values)}
        ordered = sorted(self.position)
        self.sorted_values = np.asarray(ordered, dtype=np.uint64)
        self.sorted_classes = np.asarray([self.position[v] for v in ordered], dtype=np.int64)

    @property
    def size(self) -> int:
        """One more than the largest class number."""
        return len(self.values) + (1 << len(self.regexes))

    def classes(self, raw: np.ndarray[Any, Any], strings: Any) -> np.ndarray[Any, Any]:
        """The class number of each value of ``raw``."""
        if not self.regexes:
            if not len(self.sorted_values):
                return np.zeros(len(raw), dtype=np.int64)
            found = np.searchsorted(self.sorted_values, raw)
            found[found == len(self.sorted_values)] = 0
            hit = self.sorted_values[found] == raw
            return np.where(hit, self.sorted_classes[found], len(self.values))
        distinct, inverse = np.unique(raw, return_inverse=True)
        mapped = [self._classify(v, strings) for v in distinct.tolist()]
        return np.asarray(mapped, dtype=np.int64)[inverse.reshape(-1)]

    def _classify(self, value: int, strings: Any) -> int:
        found = self.cache.get(value)
        if found is None:
            found = self.position.get(value)
            if found is None:
                found = len(self.values) + self._regex_bits(value, strings)
            if len(self.cache) > _CACHE_LIMIT:
                self.cache.clear()
            self.cache[value] = found
        return found

    def _regex_bits(self, value: int, strings: Any) -> int:
        text = strings[value]
        return sum(1 << k for k, regex in enumerate(self.regexes) if regex.search(text))

    def mask(self, klass: int, every: int, strings: Any) -> int:
        """The bits of the token specs whose tests on this attribute hold for class ``klass``."""
        found = self.masks.get(klass)
        if found is None:
            found = every
            for spec, test in self.tests:
                if not self._holds(test, klass, strings):
                    found &= ~(1 << spec)
            self.masks[klass] = found
        return found

    def _holds(self, condition: _Condition, klass: int, strings: Any) -> bool:
        value = self.values[klass] if klass < len(self.values) else None
        if condition.kind == "eq" or condition.kind == "in":
            return value is not None and value in condition.values
        if condition.kind == "not_in":
            return value is None or value not in condition.values
        assert condition.regex is not None
        bit = self.regexes.index(condition.regex)
        bits = self._regex_bits(value, strings) if value is not None else klass - len(self.values)
        return bool(bits >> bit & 1)


@dataclass(slots=True)
class _Compiled:
    """A pattern of the compiled matcher: token specs in order, target token, attributes."""

    order: int
    specs: list[int]
    target: int
    attrs: dict[int, int]


def _condition(attr: int, key: str, value: Any, strings: Any) -> _Condition:
    if key == "IN" or key == "NOT_IN":
        if not isinstance(value, list | tuple) or attr == MORPH:
            raise _NotCompilable(key)
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
            raise _NotCompilable(key)
        ids = frozenset(get_string_id(v) for v in value)
        return _Condition(attr, "in" if key == "IN" else "not_in", ids)
    if key == "REGEX" and isinstance(value, str) and attr in _STRING_ATTRS:
        return _Condition(attr, "regex", regex=re.compile(value))
    raise _NotCompilable(key)


def _token_conditions(spec: Mapping[Any, Any], strings: Any) -> list[_Condition]:
    """The tests of one Matcher token spec, read as the Matcher reads them."""
    conditions: list[_Condition] = []
    for key, value in spec.items():
        if isinstance(key, str):
            name = key.upper()
            if name == "TEXT":
                name = "ORTH"
            attr = IDS.get(name)
        else:
            attr = key
        if not isinstance(attr, int) or not (attr < 64 or attr in _TESTABLE):
            raise _NotCompilable(str(key))
        if isinstance(value, dict):
            conditions.extend(_condition(attr, str(k), v, strings) for k, v in value.items())
        elif isinstance(value, bool):
            conditions.append(_Condition(attr, "eq", frozenset({int(value)})))
        elif isinstance(value, str):
            conditions.append(_Condition(attr, "eq", frozenset({strings.add(value)})))
        elif isinstance(value, int):
            conditions.append(_Condition(attr, "eq", frozenset({value})))
        else:
            raise _NotCompilable(repr(value))
    return conditions


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, with the same output, computed by table look-ups.

    Args:
        vocab: the pipeline's vocabulary.
        name: the component name.
        validate: validate patterns as they are added (spaCy's option).
        scorer: the scoring function (spaCy's default).
    """

    def __init__(
        self,
        vocab: Vocab,
        name: str = "attribute_ruler",
        *,
        validate: bool = False,
        scorer: Callable[..., Any] | None = attribute_ruler_score,
    ) -> None:
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._ready = False

    def clear(self) -> None:
        """Reset all patterns."""
        super().clear()
        self._ready = False

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        """Add Matcher patterns setting ``attrs`` on the token at ``index`` (spaCy's API)."""
        super().add(patterns, attrs, index)
        self._ready = False

    @property
    def fallback_count(self) -> int:
        """How many of the patterns are left to spaCy's Matcher."""
        self._compile()
        return len(self._fallback_orders)

    def _compile(self) -> None:
        if self._ready:
            return
        strings = self.vocab.strings
        specs: list[list[_Condition]] = []
        compiled: list[_Compiled] = []
        fallback: list[int] = []
        for order, attrs in enumerate(self.attrs):
            patterns = self.matcher.get(str(order))[1]
            first = len(specs)
            try:
                if any(key not in _WRITABLE for key in attrs):
                    raise _NotCompilable("attrs")
                entries = []
                for pattern in patterns:
                    if not pattern or any("OP" in spec for spec in pattern):
                        raise _NotCompilable("OP")
                    index = self.indices[order]
                    target = index if index >= 0 else len(pattern) + index
                    if not 0 <= target < len(pattern):
                        raise _NotCompilable("index")
                    spec_ids = []
                    for spec in pattern:
                        specs.append(_token_conditions(spec, strings))
                        spec_ids.append(len(specs) - 1)
                    entries.append(_Compiled(order, spec_ids, target, dict(attrs)))
            except _NotCompilable as reason:
                logger.debug("attribute ruler pattern %d left to the Matcher (%s)", order, reason)
                del specs[first:]
                fallback.append(order)
                continue
            compiled.extend(entries)
        columns: dict[int, _Column] = {}
        for number, conditions in enumerate(specs):
            for condition in conditions:
                column = columns.setdefault(condition.attr, _Column(condition.attr))
                column.tests.append((number, condition))
                if condition.regex is not None:
                    if condition.regex not in column.regexes:
                        column.regexes.append(condition.regex)
                else:
                    column.values.extend(v for v in condition.values if v not in column.values)
        for column in columns.values():
            column.freeze()
        self._columns = list(columns.values())
        self._every = (1 << len(specs)) - 1
        # a token's classes, one per column, as one integer when they fit in 62 bits
        radix, bound = [], 1
        for column in reversed(self._columns):
            radix.append(bound)
            bound *= column.size
        self._radix = np.asarray(radix[::-1], dtype=np.int64) if bound < 1 << 62 else None
        self._single = sorted((p for p in compiled if len(p.specs) == 1), key=lambda p: p.order)
        self._multi = [p for p in compiled if len(p.specs) > 1]
        self._multi_specs = sorted({s for p in self._multi for s in p.specs})
        self._multi_column = {s: j for j, s in enumerate(self._multi_specs)}
        self._written = tuple(a for a in _WRITABLE if any(a in p.attrs for p in compiled))
        self._fallback_orders = fallback
        self._fallback_matcher = Matcher(self.vocab, validate=False)
        for order in fallback:
            self._fallback_matcher.add(str(order), self.matcher.get(str(order))[1])
        self._reset_table()
        self._ready = True

    def _reset_table(self, capacity: int = 64) -> None:
        """Empty the table of results, one row per combination of classes seen."""
        self._rows: dict[Any, int] = {}
        self._table_order = np.full((capacity, len(self._written)), -1, dtype=np.int64)
        self._table_value = np.zeros((capacity, len(self._written)), dtype=np.uint64)
        self._table_multi = np.zeros((capacity, len(self._multi_specs)), dtype=bool)

    def _add_row(self, key: Any, classes: list[int]) -> int:
        """Fill the table row of one combination of classes: the written attributes' (pattern
        order, value) from the last single-token pattern that matches, and which token specs of
        the longer patterns hold."""
        strings = self.vocab.strings
        row = len(self._rows)
        if row == len(self._table_order):  # full: double it
            self._table_order = np.concatenate([self._table_order, self._table_order * 0 - 1])
            self._table_value = np.concatenate([self._table_value, self._table_value * 0])
            self._table_multi = np.concatenate([self._table_multi, self._table_multi & False])
        holds = self._every
        for column, klass in zip(self._columns, classes, strict=True):
            holds &= column.mask(klass, self._every, strings)
        for pattern in self._single:
            if holds >> pattern.specs[0] & 1:
                for i, attr in enumerate(self._written):
                    if attr in pattern.attrs:
                        self._table_order[row, i] = pattern.order
                        self._table_value[row, i] = pattern.attrs[attr]
        for j, spec in enumerate(self._multi_specs):
            self._table_multi[row, j] = bool(holds >> spec & 1)
        self._rows[key] = row
        return row

    def _token_rows(self, doc: Doc) -> np.ndarray[Any, np.dtype[np.int64]]:
        """The table row of each token of ``doc``."""
        n = len(doc)
        if len(self._rows) + n > _CACHE_LIMIT:
            self._reset_table()
        if not self._columns:
            row = self._rows.get(0)
            if row is None:
                row = self._add_row(0, [])
            return np.full(n, row, dtype=np.int64)
        raw = doc.to_array([c.attr for c in self._columns]).reshape(n, len(self._columns))
        strings = self.vocab.strings
        classes = np.empty((n, len(self._columns)), dtype=np.int64)
        for j, column in enumerate(self._columns):
            classes[:, j] = column.classes(raw[:, j], strings)
        keys: list[Any]
        if self._radix is not None:
            distinct, first, inverse = np.unique(
                classes @ self._radix, return_index=True, return_inverse=True
            )
            keys = distinct.tolist()
        else:
            rows, first, inverse = np.unique(
                classes, axis=0, return_index=True, return_inverse=True
            )
            keys = [tuple(r) for r in rows.tolist()]
        found = self._rows
        table_rows = [
            found[key] if key in found else self._add_row(key, classes[i].tolist())
            for key, i in zip(keys, first.tolist(), strict=True)
        ]
        token_rows: np.ndarray[Any, np.dtype[np.int64]]
        token_rows = np.asarray(table_rows, dtype=np.int64)[inverse.reshape(-1)]
        return token_rows

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every token the patterns match, as spaCy's ruler does."""
        error_handler = self.get_error_handler()
        try:
            self._apply(doc)
            return doc
        except Exception as error:  # spaCy's component contract: the handler decides
            handled: Doc = error_handler(self.name, self, [doc], error)
            return handled

    def _apply(self, doc: Doc) -> None:
        self._compile()
        n = len(doc)
        if n == 0:
            return
        # spaCy matches every pattern on the Doc as it was before any attribute is set
        fallback = self._fallback_matches(doc) if self._fallback_orders else []
        if not self._written:
            self._apply_fallback(doc, fallback, None)
            return
        rows = self._token_rows(doc)
        order = self._table_order[rows]
        value = self._table_value[rows]
        if self._multi:
            holds = self._table_multi[rows]
            for pattern in self._multi:
                length = len(pattern.specs)
                if length > n:
                    continue
                found = np.ones(n - length + 1, dtype=bool)
                for j, spec in enumerate(pattern.specs):
                    found &= holds[j : n - length + 1 + j, self._multi_column[spec]]
                for start in np.flatnonzero(found).tolist():
                    token = start + pattern.target
                    for i, attr in enumerate(self._written):
                        if attr in pattern.attrs and pattern.order > order[token, i]:
                            order[token, i] = pattern.order
                            value[token, i] = pattern.attrs[attr]
        changed = order >= 0
        columns = [i for i in range(len(self._written)) if changed[:, i].any()]
        if columns:
            attrs = [self._written[i] for i in columns]
            current = doc.to_array(attrs).reshape(n, len(attrs))
            update = np.where(changed[:, columns], value[:, columns], current)
            doc.from_array(attrs, update)  # type: ignore[arg-type]
        self._apply_fallback(doc, fallback, order)

    def _fallback_matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = self._fallback_matcher(doc, allow_missing=True, as_spans=False)
        strings = self.vocab.strings
        return sorted((int(strings[key]), key, start, end) for key, start, end in found)

    def _apply_fallback(
        self,
        doc: Doc,
        matches: list[tuple[int, int, int, int]],
        compiled_order: np.ndarray[Any, np.dtype[np.int64]] | None,
    ) -> None:
        """Apply the Matcher's matches in pattern order; an attribute a later compiled pattern
        set on the same token keeps that pattern's value, as it would in spaCy's order."""
        position = {attr: i for i, attr in enumerate(self._written)}
        for order, key, start, end in matches:
            span = Span(doc, start, end, label=key)
            index = self.indices[order]
            try:
                token = span[index]
            except IndexError:
                # the same error spaCy's ruler raises for a pattern shorter than its index
                super().set_annotations(doc, [(order, key, start, end)])  # type: ignore[no-untyped-call]
                return
            attrs = self.attrs[order]
            if compiled_order is not None:
                attrs = {
                    attr: v
                    for attr, v in attrs.items()
                    if attr not in position or order > compiled_order[token.i, position[attr]]
                }
            set_token_attrs(token, attrs)


@Language.factory(
    "eventwire_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None
) -> FastAttributeRuler:
    """Create a :class:`FastAttributeRuler` (add patterns with ``add_patterns``)."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_fast_attribute_rulers(nlp: Language) -> list[str]:
    """Replace each of spaCy's own attribute rulers in ``nlp`` by a :class:`FastAttributeRuler`
    with the same patterns, in the same place and under the same name.

    Only components whose class is exactly spaCy's ``AttributeRuler`` are replaced (a subclass
    may behave differently). Returns the names of the replaced components.
    """
    replaced = []
    for name, component in list(nlp.pipeline):
        if type(component) is not AttributeRuler:
            continue
        patterns = component.patterns
        config = {"validate": component.validate}
        scorer = component.scorer
        fast = nlp.replace_pipe(name, "eventwire_attribute_ruler", config=config)
        assert isinstance(fast, FastAttributeRuler)
        fast.scorer = scorer
        fast.add_patterns(patterns)
        logger.debug(
            "%s: %d patterns, %d left to the Matcher", name, len(fast.attrs), fast.fallback_count
        )
        replaced.append(name)
    return replaced
