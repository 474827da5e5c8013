"""The ``eventwire_actors`` spaCy component: actor mentions, resolved and linked within an article.

Reads: the parse and NER of the Doc, ``doc._.published`` (the date for office holders).
Writes: ``doc.spans["eventwire_actors"]``, each span with ``span._.actor`` (Actor). Span labels:
``mention`` (a noun phrase naming an actor), ``member`` (one country of a coordinated modifier:
"Romanian" in "Hungarian and Romanian officials", with the head's role), ``coref`` (a later
mention: "Lavrov", "the minister", "the Kremlin leader") and ``pronoun`` ("he", "his", "her",
"it", "they", "their").

How mentions are built: every dictionary hit (see lexicon.py) and every PERSON/ORG entity is a
unit; a unit joins the noun it modifies when that noun is itself part of a unit (compound, amod,
poss, nmod, flat, appos, or an "of"/"from" phrase: "the president of Russia"). So "Russian
Foreign Minister Sergei Lavrov" is one mention headed by "Lavrov", while "Russian" in "Russian
invasion" stays a mention of its own (an invasion is not an actor). A unit also reaches its noun
through one compound title ("U.N. mediator Diego Cordovez") or an "X-led" participle; names side
by side that the parser took for an apposition ("the US, Russia and Switzerland") stay apart.
Datelines ("KYIV, Ukraine —", "VIENNA (Reuters) -") give no mention (dateline.py); a city is
looked up by its NER place name (lexicon.py) and gives its country.

Coreference, kept simple on purpose:
- a known person named again (any alias) gets the actor of the first mention, whose name is the
  full name as first written; an unknown person's surname ("Beam" after "Marcus Beam") likewise;
- "the" + a singular person role ("the minister", "the Russian leader", "the Kremlin leader")
  refers to the latest person named before it whose role (and country, when given) agree, or
  to an unnamed one called by the same word ("a spokesman" ... "the spokesman");
- he/him/his/himself/she/her/hers/herself refer to the nearest person named before them in the
  same or the previous sentence; a non-reflexive object ("liked him") skips the subject of its own
  clause. No gender;
- it/its/itself refer to the nearest singular coded mention that is no person and no place
  ("Iraq said it would ..."), they/them/their to the nearest plural one ("Bosnian Serbs said
  their forces ..."), in the same or the previous sentence; an expletive "it" ("it is
  unclear") refers to nothing. A named group's head word alone ("the Guards" after "Iran's
  Revolutionary Guards") refers to the group, and so does "the rebel/militant group" to the
  latest named group of that role; "the country" to the latest country named (as an actor or
  a place) in the same or the previous sentence. A subject "it/they" prefers the subject of a clause above its own
  ("the EU imposed sanctions on Belarus, freezing the assets of firms it accuses": the EU).
"""


import logging
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

from eventwire.actors import serialize  # noqa: F401  (Actor in Doc.to_bytes, for n_process)
from eventwire.actors.dateline import DATELINES_KEY, dateline_tokens
from eventwire.actors.lexicon import Hit, Lexicon
from eventwire.actors.resolver import Clues, as_date, clues_from, to_actor
from eventwire.actors.tables import Person as TablePerson
from eventwire.actors.tables import default_tables
from eventwire.model import Actor
from eventwire.nlp.extensions import ACTOR_SPANS

log = logging.getLogger(__name__)

MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "nn", "appos"})
OF_PREPS = frozenset({"of", "from"})
# "a target southwest of Baghdad": the place it lies in, not whose it is
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                        "southwest", "outside", "near"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "inside", "outside", "around", "throughout", "to", "into"})
ENTITY_LABELS = frozenset({"PERSON", "ORG"})
HARD_STOPS = frozenset({"-", "--", "\u2013", "\u2014", "(", ")", ":", ";"})
SOFT_STOPS = frozenset({",", '"', "\u201c", "\u201d"})
PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})  # a country, an organisation, a group
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
ALL_PRONOUNS = PRONOUNS | NEUTER | PLURAL
# "it is unclear", "it seems": an expletive "it" refers to nothing
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take"})
REFLEXIVES = frozenset({"himself", "herself"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONTROL_PARTICIPLES = frozenset({"led", "run", "controlled", "owned"})
NAME_KINDS = frozenset({"country", "city", "igo", "group"})
# "opposition groups in Zimbabwe", "ethnic Albanians of southern Serbia": where people are
PLACE_PREPS = frozenset({"in", "of", "from", "throughout", "across", "inside"})
PLACE_KINDS = frozenset({"country", "city"})
BASED = frozenset({"base", "headquarter", "headquartered", "locate"})  # "a Kenya-based group"
# nouns naming the other side of a relation: "its partners", "Russia's allies" are not it/Russia
RELATIONAL_NOUNS = frozenset({"partner", "ally", "neighbour", "neighbor", "rival", "enemy", "foe",
                              "counterpart", "adversary", "opponent"})


@dataclass
class Mention:
    """Units (hits, entities) gathered under one head token."""

    head: Token
    hits: list[Hit] = field(default_factory=list)
    entities: list[Span] = field(default_factory=list)
    start: int = 0
    end: int = 0

    def extend(self, start: int, end: int) -> None:
        self.start, self.end = (start, end) if self.end == 0 else (min(self.start, start), max(self.end, end))


@dataclass
class Person:
    """A person-like mention seen so far, for pronouns and "the minister"."""

    actor: Actor
    head: Token


class ActorComponent:
    def __init__(self, nlp: Language, name: str, tables_dir: str | None = None) -> None:
        self.name = name
        self.lexicon = Lexicon(nlp.vocab, default_tables(tables_dir), nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        on = as_date(doc._.published)
        lines = dateline_tokens(doc)
        doc.user_data[DATELINES_KEY] = sorted(lines)  # for the event coder (plain data: serialises)
        mentions = build_mentions(doc, self.lexicon.find(doc), lines)
        spans = Linker(doc, self.lexicon, on).link(mentions)
        doc.spans[ACTOR_SPANS] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc


@Language.factory("eventwire_actors", default_config={"tables_dir": None})
def make_actor_component(nlp: Language, name: str, tables_dir: str | None) -> ActorComponent:
    return ActorComponent(nlp, name, tables_dir)


def attach_parent(token: Token, in_unit: dict[int, str]) -> Token | None:
    """The noun a unit's root modifies, when that noun belongs to a unit too (not across a
    bracket: "WASHINGTON (Reuters)" is two mentions)."""
    if token.i > 0 and token.doc[token.i - 1].text == "(":
        return None
    if token.dep_ == "appos" and listed_names(token, in_unit):
        return None
    if token.dep_ in MOD_DEPS and token.head.i != token.i and token.head.i in in_unit and not broken(token, token.head):
        return token.head
    through = bridged(token)
    if through is not None and through.i in in_unit and not broken(token, through):
        return through
    if token.dep_ == "pobj" and token.head.lower_ in OF_PREPS and token.head.head.i in in_unit:
        return token.head.head
    return None


def bridged(token: Token) -> Token | None:
    """The noun a unit modifies through one word that is no unit itself: a compound title
    ("U.N. mediator Diego Cordovez") or a hyphenated participle of control ("Vietnamese-led
    forces", "Chinese-owned company"; not "-backed": backed forces are not the backer's)."""
    head = token.head
    if head.i == token.i or head.head.i == head.i:
        return None
    if token.dep_ in ("compound", "nmod") and head.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
        return head.head
    hyphen = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-"
    if hyphen and head.lower_ in CONTROL_PARTICIPLES and head.i == token.i + 2 and head.dep_ == "amod":
        return head.head
    return None


def listed_names(child: Token, in_unit: dict[int, str]) -> bool:
    """Two names side by side ("the US, Russia and Switzerland"; "Liberia, the World Food
    Program") are a list that the parser took for an apposition: an apposition renames with a
    description or a title ("Sergei Lavrov, Russia's foreign minister")."""
    return in_unit.get(child.i) in NAME_KINDS and in_unit.get(child.head.i) in NAME_KINDS


def broken(child: Token, parent: Token) -> bool:
    """Punctuation between a modifier and its noun means a misparse (a dateline's "MOSCOW -"); a
    comma is fine inside the modifier's own list ("Hungarian, Romanian and Polish officials")
    and before an apposition."""
    low, high = sorted((child.i, parent.i))
    between = child.doc[low + 1 : high]
    if any(t.text in HARD_STOPS and not inside_word(t) for t in between):
        return True
    if child.dep_ == "appos":
        return False
    return any(t.text in SOFT_STOPS and not child.is_ancestor(t) for t in between)


def inside_word(token: Token) -> bool:
    """A hyphen within a name ("Zia-ul-Haq") is no break."""
    return token.text == "-" and token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def final_head(token: Token, in_unit: dict[int, str]) -> Token:
    seen = {token.i}
    parent = attach_parent(token, in_unit)
    while parent is not None and parent.i not in seen:  # a bad parse may loop through appos
        token = parent
        seen.add(token.i)
        parent = attach_parent(token, in_unit)
    return token


def build_mentions(doc: Doc, hits: list[Hit], skipped: set[int] | None = None) -> list[Mention]:
    """Mentions of the hits and PERSON/ORG entities, none from the ``skipped`` tokens (datelines)."""
    skipped = skipped or set()
    entities = [e for e in doc.ents if e.label_ in ENTITY_LABELS and skipped.isdisjoint(range(e.start, e.end))]
    people = [e for e in entities if e.label_ == "PERSON"]  # the only ones inside_person looks at
    hits = [h for h in hits if not inside_person(h, people, hits) and skipped.isdisjoint(range(h.start, h.end))]
    in_unit = {t.i: "entity" for e in entities for t in e}
    in_unit.update({i: h.kind for h in hits for i in range(h.start, h.end)})
    by_head: dict[int, Mention] = {}

    def mention_at(root: Token, start: int, end: int) -> Mention:
        head = final_head(root, in_unit)
        mention = by_head.setdefault(head.i, Mention(head))
        mention.extend(start, end)
        return mention

    for hit in hits:
        mention_at(unit_root(doc[hit.start : hit.end]), hit.start, hit.end).hits.append(hit)
    for ent in entities:
        mention_at(unit_root(ent), ent.start, ent.end).entities.append(ent)
    for mention in by_head.values():
        mention.extend(trimmed_left(mention.head), mention.head.i + 1)
    return sorted(by_head.values(), key=lambda m: m.head.i)


def inside_person(hit: Hit, entities: list[Span], hits: list[Hit]) -> bool:
    """A place or group word inside a person's name ("Michael Jordan") is part of the name; not
    a country before a title ("Pakistan President Zia", which NER may take whole), nor words
    that NER took for a name but are all known ("Bosnian Serbs")."""
    if hit.kind in ("person", "role"):
        return False
    for e in entities:
        if e.label_ != "PERSON" or not (e.start <= hit.start and hit.end <= e.end) or (hit.start, hit.end) == (e.start, e.end):
            continue
        after = next((h for h in reversed(hits) if h.start == hit.end), None)  # the last, as a dict by start
        if after is not None and after.kind == "role" and after.end <= e.end:
            return False
        covered = {i for h in hits for i in range(h.start, h.end)}  # ("the" is no part of a name:
        return not all(t.i in covered or t.dep_ == "det" for t in e)  # "the Tigray People's ... Front")
    return False


def unit_root(span: Span) -> Token:
    """The head of a name: the last token attached outside the span ("Department" in "the U.S.
    State Department", where spaCy's Span.root may pick the determiner)."""
    outside = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    content = [t for t in outside if t.dep_ not in ("det", "punct", "case")]
    return (content or outside or [span.root])[-1]


def trimmed_left(head: Token) -> int:
    """Start of the noun phrase left of the head, without leading punctuation."""
    start = head.left_edge.i
    while start < head.i and (head.doc[start].is_punct or head.doc[start].is_space):
        start += 1
    return start


class Linker:
    """Resolves mentions in article order and links later mentions and pronouns to earlier ones."""

    def __init__(self, doc: Doc, lexicon: Lexicon, on: date | None) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.on = on
        self.people: list[Person] = []
        self.things: list[Person] = []  # coded mentions that are no person, for "it" and "they"
        self.owners: dict[int, Actor] = {}  # a resolved pronoun's token index -> its actor
        self.by_person: dict[str, Actor] = {}  # known person's name -> first actor
        self.by_surname: dict[str, Actor] = {}  # unknown person's surname -> first actor
        self.group_heads: dict[str, Actor] = {}  # a named group's head word -> its actor
        self.named_groups: list[Actor] = []  # named groups in the order the article names them
        self.countries: list[Person] = []  # countries named so far, as actors or as places
        self.sentence = sentence_index(doc)
        self.by_head: dict[int, Mention] = {}
        self.roles_seen: list[Person] = []  # coded actors with a role, for "the army", "the rebels"

    def link(self, mentions: list[Mention]) -> list[Span]:
        self.by_head = {m.head.i: m for m in mentions}
        items: list[tuple[int, Mention | Token]] = [(m.head.i, m) for m in mentions]
        for t in self.doc:  # one pass for pronouns and "the country"
            if t.lower_ in ALL_PRONOUNS:
                if t.tag_ in ("PRP", "PRP$"):
                    items.append((t.i, t))
            elif t.lower_ in COUNTRY_NOUNS and t.i not in self.by_head and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in t.children):
                items.append((t.i, t))
        spans: list[Span] = []
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, Token) and item.lower_ in COUNTRY_NOUNS:
                spans.extend(self.the_country(item))
            elif isinstance(item, Token):
                spans.extend(self.pronoun(item))
            else:
                spans.extend(self.mention(item))
        return spans

    def mention(self, mention: Mention) -> list[Span]:
        actor, label = self.resolve(mention)
        head = mention.head
        named_group = actor is not None and actor.code is not None and len(actor.code) > 6
        if named_group and head.text[:1].isupper():  # "Iran's Revolutionary Guards" ...
            self.group_heads.setdefault(head.lower_, actor)
        if named_group:
            self.named_groups.append(actor)
        if actor is not None and actor.code is not None and actor.code == actor.country and len(actor.code) == 3:
            self.countries.append(Person(actor, head))  # for "the country" (places included)
        elif (actor is None or actor.code is None) and head.text[:1].isupper() \
                and mention.end - mention.start <= 2 and head.lower_ in self.group_heads:
            actor, label = self.group_heads[head.lower_], "coref"  # ... "the Guards"
        elif (actor is None or actor.code is None) and self.definite_group(mention, actor):
            actor, label = self.definite_group(mention, actor), "coref"  # "the rebel group"
        if actor is not None and actor.code is None and actor.country is None and actor.role:
            earlier = self.same_role(mention)
            if earlier is not None:  # "the rebels" after "M23 rebels", "the soldiers" after "KFOR soldiers"
                actor, label = Actor(actor.name, earlier.code, earlier.country, earlier.role), "coref"
        if actor is None:
            return []
        if actor.code is not None and actor.role:
            self.roles_seen.append(Person(actor, head))
        if self.person_like(mention):
            self.people.append(Person(actor, mention.head))
        elif actor.code is not None and not self.is_place(mention):
            self.things.append(Person(actor, mention.head))
        span = Span(self.doc, mention.start, mention.end, label=label)
        span._.actor = actor
        return [span, *self.listed_members(mention, actor)]

    def listed_members(self, mention: Mention, actor: Actor) -> list[Span]:
        """"Hungarian, Romanian and Polish officials" parsed as parallel modifiers: one member span
        for each further country, with the head's role."""
        if not any(hit.kind == "country" for hit in mention.hits):
            return []  # nothing below could be a member: spare the scan of the left side
        left = self.doc[mention.start : mention.head.i]
        if not any(t.dep_ == "cc" or t.text == "," for t in left):
            return []
        spans = []
        for hit in mention.hits:
            token = self.doc[hit.start : hit.end].root
            if hit.kind != "country" or token.head.i != mention.head.i or token.dep_ not in MOD_DEPS:
                continue
            clues = clues_from([hit, *role_hits(mention)], mention.head.i, self.lexicon.tables)
            member = to_actor(self.doc[hit.start : hit.end].text, clues, self.on)
            if member is not None and member.country != actor.country:
                span = Span(self.doc, hit.start, hit.end, label="member")
                span._.actor = member
                spans.append(span)
        return spans

    def resolve(self, mention: Mention) -> tuple[Actor | None, str]:
        member = self.member_of(mention)
        hits = mention.hits + (role_hits(member) if member else [])
        head = member.head.i if member else mention.head.i
        clues = clues_from(hits, head, self.lexicon.tables)
        place = self.place_country(mention) or self.owner_country(mention)
        if place is not None and (self.people_head(mention) or wants_place(clues)):
            clues.country = place
        text = self.doc[mention.start : mention.end].text
        locative = mention.head.dep_ == "pobj" and mention.head.head.lower_ in LOCATIVE_PREPS
        actor = to_actor(text, clues, self.on, locative)
        if place is None and actor is not None and clues.person is None and self.ethnic(mention):
            # "ethnic Albanians" are a people, not Albania: their country is where they are,
            # which the event's place may tell (see verbs.participants.place_country)
            actor = Actor(text, None, None, actor.role or "CVL")
        if clues.person is not None:
            return self.known_person(clues.person.name, mention, actor)
        if member is not None:
            return actor, "member"
        return self.unnamed(mention, actor)

    def place_country(self, mention: Mention) -> tuple[str, str] | None:
        """The country of a place named after the head: in the mention's own "of" phrase ("the
        Albanians of southern Serbia") or in a place phrase on the head or on the noun the head
        modifies ("opposition groups in Zimbabwe")."""
        head = mention.head
        for hit in mention.hits:
            if hit.start > head.i and hit.kind in PLACE_KINDS:
                return self.lexicon.country_of(hit)
        nouns = [head]
        if head.dep_ in ("compound", "amod"):  # "the Cambodian refugee camp in Thailand": Cambodian
            for sibling in head.head.children:
                found = self.country_hit(sibling) if sibling.i < head.i and sibling.dep_ in MOD_DEPS else None
                if found is not None:
                    return found
            nouns.append(head.head)
        for noun in nouns:
            for clause in noun.children:  # "a newspaper based in Beirut"
                if clause.dep_ == "acl" and clause.lemma_.lower() in BASED:
                    found = next((self.country_hit(o) for p in clause.children if p.dep_ == "prep"
                                  and p.lower_ == "in" for o in p.children if self.country_hit(o)), None)
                    if found is not None:
                        return found
            for prep in noun.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                    continue
                for obj in prep.children:
                    found = self.country_hit(obj)
                    if found is not None:
                        return found
        return None

    def country_hit(self, token: Token) -> tuple[str, str] | None:
        """(code, kind) of the first country or city named in the mention headed by ``token``."""
        modifiers = ("amod", "compound", "npadvmod") if token.lemma_.lower() in BASED else ("amod", "compound")
        for node in (token, *(c for c in token.children if c.dep_ in modifiers)):  # "Somalia-based"
            mention = self.by_head.get(node.i)  # "from two Swiss charities": Swiss
            hit = next((h for h in mention.hits if h.kind in PLACE_KINDS), None) if mention else None
            if hit is not None:
                return self.lexicon.country_of(hit)
        return None

    def owner_country(self, mention: Mention) -> tuple[str, str] | None:
        """ "their forces" after "Bosnian Serbs": the country of the possessive's antecedent."""
        for child in mention.head.children:
            owner = self.owners.get(child.i) if child.dep_ == "poss" else None
            if owner is not None and owner.country is not None and owner.country not in ("IGO", "NGO", "IMG"):
                return owner.country, "name"
        return None

    def ethnic(self, mention: Mention) -> bool:
        """A nationality word after "ethnic": "ethnic Turks", "ethnic Albanian guerrillas"."""
        return any(h.kind == "country" and h.start > 0 and self.doc[h.start - 1].lower_ == "ethnic"
                   for h in mention.hits)

    def people_head(self, mention: Mention) -> bool:
        """The head names a people, not a state: "(ethnic) Albanians", "ethnic Turks"."""
        head = mention.head
        at_head = next((h for h in mention.hits if h.start <= head.i < h.end), None)
        if at_head is None or at_head.kind != "country":
            return False
        before = self.doc[at_head.start - 1] if at_head.start > 0 else None
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("s")
        return (before is not None and before.lower_ == "ethnic") or (plural and head.i == at_head.end - 1)

    def member_of(self, mention: Mention) -> Mention | None:
        """For "Romanian" in "Hungarian and Romanian officials": the mention of "officials"."""
        first = mention.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first is mention.head or first.i in self.by_head:
            return None
        for candidate in (first.head, first.head.head):
            found = self.by_head.get(candidate.i)
            if found is not None and found is not mention and any(h.kind == "role" for h in found.hits):
                return found
        return None

    def known_person(self, name: str, mention: Mention, actor: Actor | None) -> tuple[Actor | None, str]:
        first = self.by_person.get(name)
        if first is not None:
            return first, "coref"
        assert actor is not None
        written = person_text(mention) or actor.name
        actor = Actor(written, actor.code, actor.country, actor.role)
        self.by_person[name] = actor
        return actor, "mention"

    def unnamed(self, mention: Mention, actor: Actor | None) -> tuple[Actor | None, str]:
        person = head_person(mention)
        if person is not None:
            return self.unknown_person(person, actor)
        if len(mention.entities) == 1 and len(mention.entities[0]) == 1:
            earlier = self.by_surname.get(mention.entities[0][0].lower_)
            if earlier is not None:  # "Beam" after "Marcus Beam", whatever NER labelled it
                return earlier, "coref"
        if actor is not None and self.definite_person_role(mention):
            earlier = self.antecedent(mention.head, actor)
            if earlier is not None:
                return earlier, "coref"
        if (actor is None or actor.country is None) and self.named_association(mention):
            return Actor(self.doc[mention.start : mention.end].text, "NGO", "NGO", actor.role if actor else None), "mention"
        if actor is None and mention.entities:
            actor = Actor(self.doc[mention.start : mention.end].text)  # a named organisation, unknown
        return actor, "mention"

    def named_association(self, mention: Mention) -> bool:
        """ "the Association of African Jurists", "the Third World Water Forum": a named ORG whose
        head is an association word (roles.csv, kind org) and that names no country is an NGO."""
        role = self.lexicon.tables.roles.get(mention.head.lower_)
        if role is None or role.kind != "org":
            return False
        head = mention.head.i
        return any(e.label_ == "ORG" and e.start <= head < e.end for e in mention.entities)

    def unknown_person(self, person: Span, actor: Actor | None) -> tuple[Actor, str]:
        surname = person[-1].lower_
        if len(person) == 1 and surname in self.by_surname:
            return self.by_surname[surname], "coref"
        holder = self.lexicon.tables.in_office(person[-1].text, self.on) if len(person) <= 2 else None
        if holder is not None and (len(person) == 1 or self.first_name_fits(person[0].text, holder)):
            return self.known_person(holder.name, self.by_head[person.root.i] if person.root.i in self.by_head
                                     else Mention(person.root), to_actor(person.text, Clues(person=holder), self.on))
        found = actor or Actor(person.text)
        if actor is not None and actor.code is None and actor.country is None:
            found = Actor(person.text, None, None, actor.role)  # a title without a country
        if len(person) > 1:
            self.by_surname.setdefault(surname, found)
        return found, "mention"

    @staticmethod
    def first_name_fits(first: str, holder: TablePerson) -> bool:
        """"Bill Clinton" is the Clinton in office; "Chelsea Clinton" is not."""
        return holder.name.split()[0].lower() == first.lower()

    def same_role(self, mention: Mention) -> Actor | None:
        """A definite role noun that names no country ("the army", "the rebels", "the police")
        refers to the latest coded actor of that role in the same or the three sentences before."""
        head = mention.head
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        role = self.lexicon.tables.roles.get(head.lower_)
        if role is None or role.person:  # "the minister" is a person: antecedent() reads those
            return None
        here = self.sentence[head.i]
        for seen in reversed(self.roles_seen):
            if here - self.sentence[seen.head.i] > ROLE_REACH:
                break
            if seen.actor.role == role.role:
                return seen.actor
        return None

    def definite_group(self, mention: Mention, actor: Actor | None) -> Actor | None:
        """"The rebel group accuses ...", "the militant movement said": the latest named group
        whose role agrees (a role word on a group word with "the", naming none itself)."""
        head = mention.head
        if head.dep_ in ("amod", "compound") and head.head.lemma_.lower() in GROUP_WORDS:
            head = head.head  # "the rebel group": the mention may stop at "rebel"
        if head.lemma_.lower() not in GROUP_WORDS or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        role = actor.role if actor is not None else None
        return next((g for g in reversed(self.named_groups) if role in (None, g.role)), None)

    def definite_person_role(self, mention: Mention) -> bool:
        head = mention.head
        role = self.lexicon.tables.roles.get(head.lower_)
        if not (role and role.person and head.tag_ in ("NN", "NNP")):
            return False
        return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)

    def antecedent(self, head: Token, actor: Actor) -> Actor | None:
        for person in reversed(self.people):
            if person.head.i >= head.i:
                continue
            same_role = actor.role is None or person.actor.role == actor.role
            same_country = actor.country is None or person.actor.country == actor.country
            # an unnamed office holder is taken up only by the same word: "the interior
            # minister" is not "a State Department spokesperson" mentioned before
            named = person.head.pos_ == "PROPN" or person.head.ent_type_ == "PERSON"
            same_word = named or person.head.lemma_.lower() == head.lemma_.lower()
            if same_role and same_country and same_word and person.actor.code is not None:
                return person.actor
        return None

    def person_like(self, mention: Mention) -> bool:
        head = mention.head.i
        if any(h.kind == "person" and h.start <= head < h.end for h in mention.hits) or head_person(mention):
            return True
        role = self.lexicon.tables.roles.get(mention.head.lower_)
        return bool(role and role.person and mention.head.tag_ in ("NN", "NNP"))

    def is_place(self, mention: Mention) -> bool:
        head = mention.head
        return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS

    def the_country(self, token: Token) -> list[Span]:
        """"China opened an embassy in Honduras after the country cut ties with Taiwan": the
        latest country named in the same or the previous sentence."""
        here = self.sentence[token.i]
        for named in reversed(self.countries):
            if here - self.sentence[named.head.i] > 1:
                break
            det = next(c for c in token.children if c.dep_ == "det")
            span = Span(self.doc, det.i, token.i + 1, label="coref")
            span._.actor = named.actor
            self.owners[token.i] = named.actor
            return [span]
        return []

    def pronoun(self, token: Token) -> list[Span]:
        """he/she: the nearest person; it/its: the nearest singular country, organisation or
        group; they/their: the nearest plural one ("rebels", "Bosnian Serbs"); all within the
        same or the previous sentence."""
        if token.lower_ in PRONOUNS:
            pool = self.people
        elif token.lower_ in NEUTER and not expletive(token):
            pool = [t for t in self.things if t.head.tag_ in ("NN", "NNP")]
        elif token.lower_ in PLURAL:  # NER may call a people a PERSON ("Bosnian Serbs")
            both = sorted(self.people + self.things, key=lambda t: t.head.i)
            pool = [t for t in both if t.head.tag_ in ("NNS", "NNPS") and t.actor.code is not None]
        else:
            return []
        excluded = clause_subjects(token)
        here = self.sentence[token.i]
        above = governing_subjects(token, pool, excluded)
        if above is None:
            return []  # "Aid groups said they ...": the groups, whom no code names
        for person in [*above, *reversed(pool)]:
            if here - self.sentence[person.head.i] > 1:
                break
            if person.head.i in excluded:
                continue
            span = Span(self.doc, token.i, token.i + 1, label="pronoun")
            span._.actor = person.actor
            self.owners[token.i] = person.actor
            return [span]
        return []


def governing_subjects(token: Token, pool: list[Person], excluded: set[int]) -> list[Person] | None:
    """A pronoun that is a subject prefers the subject of a clause above its own ("the EU
    imposed sanctions on Belarus, freezing the assets of companies it accuses ...": the EU).
    None when that subject agrees in number but names no one the pool holds ("aid groups said
    they hoped ..."): the pronoun is theirs, and no earlier actor is."""
    if token.lower_ in PRONOUNS or token.dep_ not in ("nsubj", "nsubjpass"):
        return []
    above = {a.i for a in token.ancestors}
    found = [p for p in reversed(pool) if p.head.dep_ in ("nsubj", "nsubjpass") and p.head.head.i in above
             and p.head.i < token.i and p.head.i not in excluded][:1]
    if found:
        return found
    plural = token.lower_ in PLURAL
    for verb in token.ancestors:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
        if subjects:
            number_agrees = subjects[0].tag_ in (("NNS", "NNPS") if plural else ("NN", "NNP"))
            return None if number_agrees else []
    return []


COUNTRY_NOUNS = {"country", "nation"}
ROLE_REACH = 3  # sentences back that "the army", "the rebels" look for the actor they mean
GROUP_WORDS = {"group", "movement", "organisation", "organization", "faction", "militia"}


def expletive(token: Token) -> bool:
    return token.dep_ == "expl" or (token.lower_ == "it" and token.head.lemma_ in EXPLETIVE_HEADS)


def wants_place(clues: Clues) -> bool:
    """A role alone ("students", "opposition groups") takes the country of the place it is in."""
    return clues.country is None and clues.person is None and clues.groups is None and clues.igo is None and clues.role is not None


def role_hits(mention: Mention) -> list[Hit]:
    return [h for h in mention.hits if h.kind == "role"]


def person_text(mention: Mention) -> str | None:
    """The person's name as written (without the title): the head's PERSON entity, else the hit."""
    ent = head_person(mention)
    if ent is not None:
        return ent.text
    head = mention.head.i
    hit = next((h for h in mention.hits if h.kind == "person" and h.start <= head < h.end), None)
    return mention.head.doc[hit.start : hit.end].text if hit else None


def head_person(mention: Mention) -> Span | None:
    """The PERSON entity that contains the mention's head ("Peskov", not "Putin" in "Putin's
    spokesman Dmitry Peskov")."""
    head = mention.head.i
    return next((e for e in mention.entities if e.label_ == "PERSON" and e.start <= head < e.end), None)


def clause_subjects(token: Token) -> set[int]:
    """Token indices a non-reflexive object pronoun cannot refer to: its own clause's subject."""
    if token.lower_ in REFLEXIVES or token.dep_ in SUBJECT_DEPS or token.dep_ == "poss":
        return set()
    verb = token.head.head if token.dep_ == "pobj" else token.head
    return {c.i for c in verb.children if c.dep_ in SUBJECT_DEPS}


def sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return index
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = number
    return index


class _ActorIndex:
    """Per Doc: where each actor span lies, and the best actor at each token asked for.

    Iterating a SpanGroup builds every Span object anew, and the events step asks for the actors
    at a token thousands of times per article. Rebuilt when the group is replaced or grows (the
    spans' actors are set before the group is, by the actors step). Holds no Span: a Span keeps
    its Doc alive, and this index lives in a table keyed weakly by the Doc (a SpanGroup refers to
    its Doc weakly)."""

    def __init__(self, group: SpanGroup) -> None:
        self.group, self.size = group, len(group)
        self.positions: dict[int, list[int]] = {}  # token index -> positions in the group
        for position, span in enumerate(group):
            for i in range(span.start, span.end):
                self.positions.setdefault(i, []).append(position)
        self.best: dict[int, Actor | None] = {}

    def spans(self, i: int) -> list[Span]:
        return [self.group[position] for position in self.positions.get(i, ())]


_ACTOR_INDEX: "weakref.WeakKeyDictionary[Doc, _ActorIndex]" = weakref.WeakKeyDictionary()


def _actor_index(doc: Doc) -> _ActorIndex | None:
    if ACTOR_SPANS not in doc.spans:
        return None
    group = doc.spans[ACTOR_SPANS]
    index = _ACTOR_INDEX.get(doc)
    if index is None or index.group is not group or index.size != len(group):
        index = _ACTOR_INDEX[doc] = _ActorIndex(group)
    return index


def spans_at(doc: Doc, token: Token) -> list[Span]:
    """The actor spans covering ``token``, in the group's order."""
    index = _actor_index(doc)
    return index.spans(token.i) if index is not None else []


def actor_at(doc: Doc, token: Token) -> Actor | None:
    """``best(spans_at(doc, token), token)``, computed once per token."""
    index = _actor_index(doc)
    if index is None:
        return None
    if token.i not in index.best:
        index.best[token.i] = best(index.spans(token.i), token)
    return index.best[token.i]


def best(spans: Iterable[Span], token: Token) -> Actor | None:
    """Prefer the span headed by the token, then one with a role, then a longer one (the first
    of equals)."""
    ranked = []
    for span in spans:
        actor = span._.actor
        if actor is not None:
            key = (span.root.i != token.i, actor.role is None, actor.code is None, span.start - span.end)
            ranked.append((key, len(ranked), actor))
    return min(ranked)[2] if ranked else None


def actor_for(doc: Doc, token: Token) -> Actor | None:
    """The actor of the noun phrase headed by ``token``.

    First the actor spans covering the token, else the spans inside its noun phrase (compound,
    amod, poss, nmod, appos, flat, "of"/"from" phrases), never inside relative clauses or
    conjuncts; the most specific actor (with a role and a code) wins.
    """
    found = actor_at(doc, token)
    if found is not None:
        return found
    candidates: list[Actor] = []
    for inner in modifiers(token):
        actor = actor_at(doc, inner)
        if actor is not None:
            candidates.append(actor)
    candidates.sort(key=lambda a: (a.role is None, a.code is None))
    return candidates[0] if candidates else None


def modifiers(token: Token) -> Iterable[Token]:
    """Tokens inside the noun phrase of ``token`` (breadth first), not crossing clauses or conj."""
    queue = [token]
    while queue:
        current = queue.pop(0)
        for child in current.children:
            if child.dep_ == "poss" and current.lemma_.lower() in RELATIONAL_NOUNS:
                continue  # "its partners" are not "it"
            if child.dep_ in MOD_DEPS:
                yield child
                queue.append(child)
            elif child.dep_ == "prep" and child.lower_ in OF_PREPS and current.lower_ not in DIRECTIONS:
                queue.extend(c for c in child.children if c.dep_ == "pobj")
                yield from (c for c in child.children if c.dep_ == "pobj")


def actors_for(doc: Doc, token: Token) -> list[Actor]:
    """Like ``actor_for`` but one actor per conjunct: "Russia and China" -> [RUS, CHN];
    "Hungarian and Romanian officials" -> [HUNGOV, ROUGOV]."""
    out: list[Actor] = []
    for head in [token, *token.conjuncts, *listed_after(doc, token), *name_conjuncts(doc, token)]:
        actor = actor_for(doc, head)
        if actor is not None:
            out.append(actor)
        out.extend(members(doc, head))
    unique: dict[tuple[str, str | None], Actor] = {}
    for actor in out:
        unique.setdefault((actor.name, actor.code), actor)
    return list(unique.values())


def name_conjuncts(doc: Doc, token: Token) -> list[Token]:
    """"Barack Obama and Vladimir Putin will meet", parsed with "Barack" as the subject and
    "Putin" joined to "Obama": the conjuncts of the other words of the name the token is in."""
    return [c for span in spans_at(doc, token) for t in span if t != token for c in t.conjuncts
            if not span.start <= c.i < span.end]


def listed_after(doc: Doc, token: Token) -> list[Token]:
    """ "The US, Russia, and Switzerland met": the parser makes "Russia" an apposition of "US"
    (and "Switzerland" its conjunct); names of countries or organisations in a row are a list."""
    if not bare_name(doc, token):
        return []
    found = []
    for child in token.children:
        if child.dep_ == "appos" and bare_name(doc, child):
            found.extend([child, *child.conjuncts])
    return found


def bare_name(doc: Doc, token: Token) -> bool:
    actor = actor_at(doc, token)
    return actor is not None and actor.role is None and actor.country is not None


def members(doc: Doc, head: Token) -> list[Actor]:
    """Actors of the coordinated modifiers of ``head`` ("Romanian" in "Hungarian and Romanian ...")."""
    found = []
    for child in head.children:
        if child.dep_ not in MOD_DEPS:
            continue
        for modifier in (child, *child.conjuncts):
            spans = [s for s in spans_at(doc, modifier) if s.label_ == "member"]
            actor = best(spans, modifier)
            if actor is not None:
                found.append(actor)
    return found


__all__ = ["ActorComponent", "actor_for", "actors_for", "make_actor_component"]
