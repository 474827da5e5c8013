"""One PhraseMatcher over every name form in the actor tables, built once per vocabulary.

Matching is on lower case, then filtered by the case the table gives: an acronym written in
capitals ("US", "WHO", "IS") only matches capitals, a capitalised name ("Moscow", "Rice") only a
capitalised word, so "us", "who" and "is" in running text never become actors.

A form written with accents also matches without them ("Côte d'Ivoire", "Cote d'Ivoire"): English
copy often drops them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import unicodedata
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from eventwire.actors.tables import Tables, norm

# When two forms cover the same tokens, the more specific kind wins.
KIND_RANK = {"person": 0, "group": 1, "igo": 2, "country": 3, "city": 4, "role": 5}


@dataclass(frozen=True)
class Hit:
    """A table form found at tokens [start, end) of a Doc."""

    start: int
    end: int
    kind: str  # person | group | igo | country | city | role
    key: str  # the normalised form, the key into the table of that kind


STANCE_PREFIXES = frozenset({"pro", "anti", "non"})
# A city name is taken only where the parser's NER calls it a place: "Of", "Mobile" or "Police"
# are towns too, and "Jackson" is more often a person.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NAME_LABELS = frozenset({"ORG", "PERSON"})


def without_accents(text: str) -> str:
    """ "Côte d'Ivoire" -> "Cote d'Ivoire" (letters such as "ß" or "ø" stay as they are)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def stance_prefix(doc: Doc, start: int) -> bool:
    """ "pro-Russian separatists" are not Russian, "anti-American protesters" not American."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in STANCE_PREFIXES


# "the town of Samarra": a name after one of these and "of" is a place, whatever the NER says
PLACE_OF_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "port"})


def place_label(ent: Span) -> bool:
    """A GPE/LOC/FAC entity; or "Kano State", "Rakhine State" taken for an organisation or a
    person: with "State" after it a region's name is no company or person."""
    return ent.label_ in PLACE_LABELS or (ent.label_ in NAME_LABELS and len(ent) > 1 and ent[-1].text == "State")


def place_runs(doc: Doc) -> Iterable[tuple[int, int]]:
    if doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if place_label(ent):
                start = ent.start + (ent[0].lower_ == "the")
                if start < ent.end:
                    yield start, ent.end
        yield from named_after_place_noun(doc)
        return
    start = None
    for token in [*doc, None]:  # "McGuinty", "DeSantis" continue a name as "Smith" does
        if token is not None and token.text[:1].isupper():
            start = token.i if start is None else start
        elif start is not None:
            yield start, token.i if token is not None else len(doc)
            start = None


def named_after_place_noun(doc: Doc) -> Iterable[tuple[int, int]]:
    for token in doc[2:]:
        if (token.is_title and token.ent_type_ not in PLACE_LABELS and doc[token.i - 1].lower_ == "of"
                and doc[token.i - 2].lower_ in PLACE_OF_NOUNS):
            end = token.i + 1
            while end < len(doc) and doc[end].is_title and doc[end].ent_type_ not in PLACE_LABELS:
                end += 1
            yield token.i, end


def named_person(doc: Doc, start: int, end: int, kind: str) -> bool:
    """"President obama": a person's name in lower case still counts where the parser's NER
    reads a person there (case protects words like "rice" and "bush" elsewhere)."""
    return kind == "person" and all(t.ent_type_ == "PERSON" for t in doc[start:end])


def given_name_before(doc: Doc, start: int, end: int) -> bool:
    """ "Kenzo Oshima": a capitalised name outside the place entity, compounded with it, makes the
    place a surname (NER labelled only "Oshima")."""
    if start == 0 or not doc.has_annotation("DEP"):
        return False
    before = doc[start - 1]
    return before.pos_ == "PROPN" and before.is_title and not before.ent_type_ and start <= before.head.i < end


class Lexicon:
    def __init__(self, vocab: Vocab, tables: Tables, make_doc: Callable[[str], Doc]) -> None:
        self.tables = tables
        self.make_doc = make_doc
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.surfaces: dict[tuple[str, str], str] = tables.surfaces
        forms: dict[str, Iterable[str]] = {
            "person": tables.people,
            "group": tables.groups,
            "igo": tables.igos,
            "country": tables.countries,
            "role": tables.roles,
        }
        self.plain: dict[tuple[str, str], str] = {}  # (kind, form without accents) -> key
        for kind, keys in forms.items():
            texts = [self.surfaces.get((kind, key), key) for key in keys]
            texts += self.plain_forms(kind, keys)
            self.matcher.add(kind, [make_doc(text) for text in texts])

    def plain_forms(self, kind: str, keys: Iterable[str]) -> list[str]:
        """The forms of ``keys`` without their accents, where the table lacks them."""
        added = []
        for key in keys:
            plain = without_accents(key)
            if plain != key and plain not in keys and (kind, plain) not in self.plain:
                self.plain[(kind, plain)] = key
                added.append(without_accents(self.surfaces.get((kind, key), key)))
        return added

    def find(self, doc: Doc) -> list[Hit]:
        """Non-overlapping hits in token order: the longest span wins, then the specific kind."""
        candidates = []
        for match_id, start, end in self.matcher(doc):
            kind = doc.vocab.strings[match_id]
            text = doc[start:end].text
            key = norm(text)
            key = self.plain.get((kind, key), key)
            cased = self.case_fits(text, self.surfaces.get((kind, key), key)) or named_person(doc, start, end, kind)
            if cased and not stance_prefix(doc, start):
                candidates.append((start, end, kind, key))
        candidates.extend(self.city_candidates(doc))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), KIND_RANK[c[2]], c[0]))
        taken: set[int] = set()
        hits = []
        for start, end, kind, key in candidates:
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                hits.append(Hit(start, end, kind, key))
        return sorted(hits, key=lambda h: h.start)

    def city_candidates(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Cities are looked up by whole place name, not matched word by word (38k names would
        slow the matcher down): the text of each GPE/LOC/FAC entity, without a leading "the"; in a
        Doc without NER (``resolve()`` on a string), each run of capitalised words."""
        found = []
        for start, end in place_runs(doc):
            key = norm(doc[start:end].text)
            if key in self.tables.cities and doc[start].text[:1].isupper() and not given_name_before(doc, start, end):
                found.append((start, end, "city", key))
        return found

    def country_of(self, hit: Hit) -> tuple[str, str]:
        """(code, kind) of a country or city hit."""
        return (self.tables.cities if hit.kind == "city" else self.tables.countries)[hit.key]

    @staticmethod
    def case_fits(text: str, surface: str) -> bool:
        letters = [c for c in surface if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return text.isupper() or not any(c.isalpha() for c in text)
        if surface[:1].isupper():  # "iSrael" is mistyped, "rice" is a word
            return any(c.isupper() for c in text)
        return True


__all__ = ["Hit", "Lexicon"]
