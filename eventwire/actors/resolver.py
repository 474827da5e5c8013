"""Resolve an actor mention to a CAMEO-style Actor, with the office holders' codes by date.

How a mention is read (the same rules serve ``resolve()`` on a string and the spaCy component
on a parsed noun phrase):

1. a known person (office_holders.csv) gives the code of the office held on the date; outside
   every listed office the person is ``<country>ELI``; without a date, the latest office;
2. else a named group (groups.csv, dated where its status changed), else an IGO/NGO (igos.csv)
   unless a country is named with it ("Russia's Security Council" is RUSGOV);
3. else a country (name, demonym, capital or seat of government) combined with a role noun:
   "Russian troops" -> RUSMIL; a capital or seat alone stands for the government ("the Kremlin"
   -> RUSGOV); a country alone is the bare code ("U.S." -> USA);
4. a role noun without a country keeps the role and a null code: the country is never guessed.
"former"/"ex-"/"retired" make a country's actor ELI. Nothing known: ``None`` (or, in the
component, an Actor with the name and a null code for a named person or organisation).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from spacy.tokens import Doc

from eventwire.actors.lexicon import Hit, Lexicon
from eventwire.actors.tables import Group, Person, Role, Tables, Term, default_tables
from eventwire.model import Actor

log = logging.getLogger(__name__)

# Prepositions that end the head part of a bare string ("the US commander in Iraq").
PREPOSITIONS = frozenset("of from in at to for with on near by against into over across inside outside".split())
# Role codes that may follow a country code (the roles table adds its own).
BASE_ROLES = frozenset("GOV MIL COP JUD LEG OPP REB INS SEP CVL MED BUS EDU HLH REF SPY ELI LAB AGR REL CRM UAF PTY".split())
OF_FROM = frozenset({"of", "from"})
NON_COUNTRIES = frozenset({"IGO", "NGO", "IMG"})
GOVERNMENT_KINDS = frozenset({"capital", "seat"})


@dataclass
class Clues:
    """What the words of one mention say, before they are combined into a code."""

    person: Person | None = None
    groups: list[Group] | None = None  # the dated rows of one named group
    igo: str | None = None
    country: tuple[str, str] | None = None  # (code, kind)
    role: Role | None = None
    override: str | None = None  # ELI for "former ..."


def as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def term_on(person: Person, on: date | None) -> Term | None:
    """The office held on the date; without a date, the latest office."""
    if on is None:
        return max(person.terms, key=lambda t: t.start)
    for term in person.terms:
        if term.start <= on and (term.end is None or on < term.end):
            return term
    return None


def group_on(groups: list[Group], on: date | None) -> Group:
    if on is None:  # the current status: the row that starts last (open start counts as earliest)
        return max(groups, key=lambda g: g.start or date.min)
    for group in groups:
        if (group.start is None or group.start <= on) and (group.end is None or on < group.end):
            return group
    return groups[-1]


def pick_role(roles: list[tuple[int, Role]], head: int) -> Role | None:
    """The head noun's strong role, else a strong modifier ("rebel leader"), else a weak one."""
    at_head = [r for i, r in roles if i == head]
    others = [r for i, r in roles if i != head]
    if any(r.kind == "place" for r in at_head):  # "the Ukrainian town of ..." is a place
        return None
    for pool, kind in ((at_head, "strong"), (others[::-1], "strong"), (at_head, "weak"), (others[::-1], "weak")):
        for role in pool:
            if role.kind == kind:
                return role
    return None


def clues_from(hits: list[Hit], head: int, tables: Tables) -> Clues:
    """Collect the clues of a mention's hits; ``head`` is the token index of its head noun."""
    clues = Clues()
    roles: list[tuple[int, Role]] = []
    for hit in hits:
        if hit.kind == "person" and hit.start <= head < hit.end:
            clues.person = tables.people[hit.key]
        elif hit.kind == "person":  # "Putin's spokesman", "the Biden administration": a country clue
            country = tables.people[hit.key].country
            if country not in NON_COUNTRIES:
                clues.country = merge_country(clues.country, (country, "name"))
        elif hit.kind == "group" and clues.groups is None:
            clues.groups = tables.groups[hit.key]
        elif hit.kind == "igo" and clues.igo is None:
            clues.igo = tables.igos[hit.key]
        elif hit.kind == "country":
            clues.country = merge_country(clues.country, tables.countries[hit.key])
        elif hit.kind == "city":
            clues.country = merge_country(clues.country, tables.cities[hit.key])
        elif hit.kind == "role":
            role = tables.roles[hit.key]
            if role.kind == "override":
                clues.override = role.role
            else:
                roles.append((head if hit.start <= head < hit.end else hit.start, role))
    clues.role = pick_role(roles, head)
    return clues


def merge_country(first: tuple[str, str] | None, other: tuple[str, str]) -> tuple[str, str]:
    """The first country named wins; a seat of the same country ("U.S. State Department") adds GOV."""
    if first is None:
        return other
    if first[0] == other[0] and other[1] in GOVERNMENT_KINDS:
        return other
    return first


def role_of(code: str) -> str | None:
    part = code[3:6]
    return part if part in BASE_ROLES else None


def to_actor(name: str, clues: Clues, on: date | None, locative: bool = False) -> Actor | None:
    """Combine the clues (see the module docstring for the order)."""
    if clues.person is not None:
        return person_actor(name, clues.person, on, clues.override)
    if clues.groups is not None:
        return group_actor(name, group_on(clues.groups, on), clues)
    role = clues.override or (clues.role.role if clues.role else None)
    if clues.igo is not None and clues.country is None:
        return Actor(name, clues.igo, clues.igo[:3], role)
    if clues.igo is not None:  # "Russia's Security Council", "the U.S. NATO ambassador"
        role = role or "GOV"
    if clues.country is not None:
        code, kind = clues.country
        if role is None and kind in GOVERNMENT_KINDS and not locative:
            role = "GOV"  # "Moscow said", "the White House" stand for the government
        return Actor(name, code + (role or ""), code, role)
    if role is not None:
        return Actor(name, None, None, role)
    return None


def group_actor(name: str, group: Group, clues: Clues) -> Actor:
    """A named group; "former" makes its member an elite of its country, and a generic
    institution name ("Defense Department") takes the country the mention names."""
    country = group.country
    if clues.country is not None and len(group.code) == 6 and clues.country[0] != country:
        country = clues.country[0]  # "Chile's Defense Department" is Chilean, not the Pentagon
    if clues.override and country not in ("IMG", "IGO", "NGO"):
        return Actor(name, country + clues.override, country, clues.override)
    if country != group.country:
        return Actor(name, country + (group.role or ""), country, group.role)
    return Actor(name, group.code, group.country, group.role)


def person_actor(name: str, person: Person, on: date | None, override: str | None) -> Actor:
    term = term_on(person, on)
    if term is None or override:
        return Actor(name, person.country + "ELI", person.country, "ELI")
    return Actor(name, term.code, term.code[:3], role_of(term.code))


@lru_cache(maxsize=2)
def string_lexicon(tables_dir: str | None = None) -> Lexicon:
    """A tokenizer-only lexicon for ``resolve()`` (no parser needed for a short mention)."""
    import spacy

    nlp = spacy.blank("en")
    return Lexicon(nlp.vocab, default_tables(tables_dir), nlp.make_doc)


def string_head(doc: Doc, hits: list[Hit]) -> int:
    """Head of an unparsed mention: the last person or role word before the first preposition."""
    cut = first_preposition(doc, PREPOSITIONS)
    heads = [h for h in hits if h.kind in ("person", "role") and h.start < cut]
    if heads:
        return heads[-1].end - 1
    return hits[-1].end - 1 if hits else 0


def first_preposition(doc: Doc, words: frozenset[str]) -> int:
    return next((t.i for t in doc if t.lower_ in words and t.i > 0), len(doc))


def string_hits(doc: Doc, hits: list[Hit]) -> tuple[list[Hit], bool]:
    """After a locative preposition keep only the kinds of clue the words before it lack ("the
    Canadian ambassador to the UN" is Canadian; "people in the UK" is British); say whether the
    country then comes from a place phrase ("a park in Kabul" is AFG, not its government)."""
    cut = first_preposition(doc, PREPOSITIONS - OF_FROM)
    before = [h for h in hits if h.start < cut]
    named_before = any(h.kind != "role" for h in before)
    role_before = any(h.kind == "role" for h in before)
    after = [h for h in hits if h.start >= cut and not (named_before if h.kind != "role" else role_before)]
    return before + after, any(h.kind in ("country", "city") for h in after)


def resolve(text: str, on: date | None = None, tables_dir: str | None = None) -> Actor | None:
    """Resolve a mention string ("Russian Foreign Minister Sergei Lavrov") on a date.

    Returns None when nothing in the text is known; never guesses a country.
    """
    lexicon = string_lexicon(tables_dir)
    doc = lexicon.make_doc(text)
    hits = lexicon.find(doc)
    if not hits:
        return None
    hits, locative = string_hits(doc, hits)
    clues = clues_from(hits, string_head(doc, hits), lexicon.tables)
    return to_actor(text.strip(), clues, as_date(on), locative)
