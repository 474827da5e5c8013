"""Datelines: "KYIV, Ukraine —", "VIENNA (Reuters) -", "GAZA CITY, Palestinian Territories:".

A dateline names the place a story was filed from, and the agency in its brackets is the
wire service, not an actor of the story: the actor component takes no mention from it.

A dateline starts a paragraph (the text's start or after a line break) and ends at a dash or a
colon within a few tokens; every token before that is a capitalised word, a number (a date), a
comma, a full stop or part of a bracketed agency name. To tell it from a sentence that opens
with a name and a dash, it also needs one of: a first word in capitals ("VIENNA"), a bracketed
agency, or a comma ("Kyiv, Ukraine —"). A colon ends one only after a first word in capitals.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc, Token

DASHES = frozenset({"-", "--", "\u2013", "\u2014", "\u2012", "\u2015"})
LINE_BREAK = re.compile("\n")
DATELINES_KEY = "eventwire_datelines"  # Doc.user_data: the dateline token indices, once per Doc
MAX_TOKENS = 14  # "WASHINGTON, Feb. 3, 2024 (Reuters) -" is about a dozen tokens


def dateline_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens of every dateline of the Doc (dash or colon included)."""
    found: set[int] = set()
    for start in paragraph_starts(doc):
        end = dateline_end(doc, start)
        if end is not None:
            found.update(range(start, end))
    return found


def datelines(doc: Doc) -> list[int]:
    """The dateline token indices, sorted: found once per Doc (by the actor component, or by the
    first step that asks) and kept in ``doc.user_data`` for the later steps."""
    lines = doc.user_data.get(DATELINES_KEY)
    if lines is None:
        lines = doc.user_data[DATELINES_KEY] = sorted(dateline_tokens(doc))
    return lines


def paragraph_starts(doc: Doc) -> Iterator[int]:
    """The first non-space token of the text and of every line; found from the line breaks in
    the text and the tokens' offsets, without walking every token."""
    if not len(doc):
        return
    text = doc.text
    offsets = doc.to_array("IDX").tolist()
    last = -1
    for start in (0, *(m.end() for m in LINE_BREAK.finditer(text))):
        i = bisect_left(offsets, start)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i < len(doc) and i > last and not text[start : offsets[i]].strip():
            last = i
            yield i


OPENING, CLOSING = frozenset("({["), frozenset(")}]")


def dateline_end(doc: Doc, start: int) -> int | None:
    """End (exclusive) of a dateline starting at ``start``, or None."""
    depth, bracketed, comma = 0, False, False
    for token in doc[start : min(len(doc), start + MAX_TOKENS)]:
        if token.text in OPENING:
            depth, bracketed = depth + 1, True
        elif token.text in CLOSING:
            depth -= 1
            if depth == 0 and agency_ends(doc, start, token):
                return token.i + 1  # "BELGRADE, Yugoslavia {AP} Mobs ...": no dash after the agency
        elif depth > 0:
            continue
        elif token.i > start and ends_dateline(token):
            return token.i + 1 if opens_dateline(doc[start], token, bracketed, comma) else None
        elif token.text == ",":
            comma = True
        elif not dateline_word(token):
            return None
    return None


def agency_ends(doc: Doc, start: int, closing: Token) -> bool:
    """A bracketed agency after a first word in capitals ends the dateline when a sentence
    starts right after it (a capitalised word, no dash in between)."""
    first = doc[start]
    after = doc[closing.i + 1] if closing.i + 1 < len(doc) else None
    return (first.is_alpha and first.is_upper and len(first) > 1 and after is not None
            and after.text[:1].isupper() and after.is_alpha)


def ends_dateline(token: Token) -> bool:
    if token.text in (":", "_"):  # "ABIDJAN, Ivory Coast (AP) _ Warplanes ..."
        return True
    # "US-led" is one word with a hyphen; a dateline's dash stands apart ("VIENNA -")
    return token.text in DASHES and (token.text != "-" or bool(token.doc[token.i - 1].whitespace_))


def opens_dateline(first: Token, end: Token, bracketed: bool, comma: bool) -> bool:
    capitals = first.is_alpha and first.is_upper and len(first) > 1
    if end.text == ":":
        return capitals
    return capitals or bracketed or comma


def dateline_word(token: Token) -> bool:
    return token.text == "." or token.like_num or (token.text[:1].isupper() and not token.is_punct)


__all__ = ["dateline_tokens"]
