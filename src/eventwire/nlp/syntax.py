"""Readings of the dependency parse shared by the stages that read clauses (quotes, events).

One place decides who the subject of a clause is when the small model's parse needs repair, so
a speaker and the source of the speaker's event are the same words.
"""

from __future__ import annotations

from spacy.tokens import Token

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the notepad that said": "notepad"), else the
    token itself."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def misattached(verb: Token, subjects: list[Token]) -> bool:
    """Whether the parser hung the main clause under a relative clause: the sentence's root
    is a noun, the verb is a relative clause below it, and its subject disagrees with it in
    number ("A group operating in the mountains that border Venezuela and Colombia has
    vowed ...": "has" cannot agree with "Venezuela and Colombia"). The root noun is then the
    true subject."""
    root = verb.sent.root
    if verb.dep_ != "relcl" or root.pos_ not in ("NOUN", "PROPN") or not subjects:
        return False
    finite = [c for c in verb.children if c.dep_ in ("aux", "auxpass")] + [verb]
    singular_verb = any(t.tag_ == "VBZ" for t in finite)
    subject = subjects[0]
    plural_subject = subject.tag_ in ("NNS", "NNPS") or any(
        c.dep_ == "conj" for c in subject.children
    )
    return singular_verb and plural_subject and root.tag_ in ("NN", "NNP")
