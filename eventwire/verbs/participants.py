"""Who did it to whom: the source and target of each coded act, from the parse and, where the
parse names no one, from where the act happened (the fourth pass of ``verbs.coder``).

Subjects, passive agents, controllers and relative-clause heads give the source; objects,
passive subjects and prepositions ("against", "with" for reciprocal acts) the target. CAMEO codes
domestic actors by where they act, so a group with no country takes the place's, and an attack
or an official act with no named doer is coded to the state of the place.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Token

from eventwire.actors.dateline import datelines
from eventwire.model import Actor
from eventwire.verbs.coder import (
    ATTACK_ROOTS,
    ActorLookup,
    CONDITION_MARKS,
    Candidate,
    DOCUMENT_NOUNS,
    INSTRUMENT_VERBS,
    NON_RECIPROCAL_PREPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    TARGET_PREPS,
    prep_map,
    prep_objects,
    content_roots,
    givers,
    is_unrealised,
    lemma_of,
    objects,
    result_clauses,
)
from eventwire.verbs.patterns import Lexicon


def elliptic_passive(tok: Token) -> bool:
    """"90 officers had been injured and 200 people detained": a bare participle joined to a
    passive is passive too, and its subject is the patient."""
    return (tok.tag_ == "VBN" and tok.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
            and any(c.dep_ == "auxpass" for c in tok.head.children))


def subject_tokens(tok: Token) -> list[Token]:
    """The token(s) naming who acts: subject, passive agent, controller, relative-clause head."""
    if elliptic_passive(tok):
        return [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    for child in tok.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                return [tok.head]
            # two subjects are a misparse ("ALMATY, Kazakhstan — Police fired", "Members of X,
            # a body linked to Y, investigated"): each is asked, a dateline names no one
            return past_dateline([c for c in tok.children if c.dep_ in SUBJECT_DEPS])
        if child.dep_ == "agent":
            return [g for g in child.children if g.dep_ == "pobj"]
    if tok.dep_ == "xcomp" and lemma_of(tok.head) in INSTRUMENT_VERBS:
        return subject_tokens(tok.head)  # "police used water cannon to disperse ...": police
    if tok.dep_ == "xcomp":
        objs = [c for c in tok.head.children if c.dep_ in OBJECT_DEPS]
        return objs or subject_tokens(tok.head)
    if tok.dep_ in ("acomp", "attr", "oprd"):  # "Norway is willing to ..."
        return subject_tokens(tok.head)
    if tok.dep_ == "conj" and tok.head.dep_ in ("ccomp", "xcomp") and any(
            c.dep_ in SUBJECT_DEPS and c.pos_ == "PRON" for c in tok.head.children):
        return subject_tokens(tok.head.head)  # "X denied it was ... and accused Y": X
    if tok.dep_ == "conj" and tok.tag_ != "VBN" and any(c.dep_ == "auxpass" for c in tok.head.children):
        # "has been indicted by the court and will resign": who was indicted resigns
        return [c for c in tok.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if tok.dep_ in ("conj", "advcl") and tok.head != tok:
        return subject_tokens(tok.head)
    if tok.dep_ == "acl" and lemma_of(tok.head) in DOCUMENT_NOUNS and tok.head.head != tok.head:
        return subject_tokens(tok.head.head)  # "X issued a declaration demanding ...": X
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and not _has_object(tok):
        return []  # "soldiers killed in Ukraine": the victims (a participle with an object is
                   # active: "Doctors from aid groups donated and delivered goods")
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return subject_tokens(tok.head.head)  # "responded by firing rockets": who responded
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        if _passive_relative(tok):
            return []  # "a journalist who had been detained": the detained, not the detainer
        return [tok.head]
    if tok.pos_ in ("NOUN", "PROPN"):  # "Turkey's downing of ...", "an offensive by rebels"
        return [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")] + prep_objects(tok, ("by",))
    return []


def past_dateline(subjects: list[Token]) -> list[Token]:
    """"GENEVA (AFP) - Armenia and Azerbaijan agreed": the parser may make the dateline the
    subject and the real one its apposition."""
    if not subjects:
        return subjects
    doc = subjects[0].doc
    lines = datelines(doc)
    out: list[Token] = []
    for subject in subjects:
        if subject.i in lines:
            out.extend(c for c in subject.children if c.dep_ == "appos" and c.i not in lines)
        else:
            out.append(subject)
    return out


RELATIVE_TAGS = {"WDT", "WP"}
AIMING_VERBS = {"target", "aim", "hit", "affect"}


def _passive_relative(tok: Token) -> bool:
    """A passive relative clause whose relative pronoun stands for the noun it describes."""
    return (tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ in PASSIVE_SUBJECT_DEPS and c.tag_ in RELATIVE_TAGS for c in tok.children))


def _object_relative(tok: Token) -> bool:
    """A relative clause with a subject of its own and no object: the noun it describes is
    its object ("the companies [that] it accuses")."""
    return (tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ == "auxpass" for c in tok.children)
            and any(c.dep_ in SUBJECT_DEPS and c.tag_ not in RELATIVE_TAGS
                    and not any(k.tag_ == "WP$" for k in c.children) for c in tok.children))
    # ("Eritrea, whose troops fought ...": the noun is the troops' owner, not their object)


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in OBJECT_DEPS for v in (tok, *tok.conjuncts) for c in v.children)






def target_tokens(tok: Token, hint: str | None, reciprocal: bool = False) -> list[Token]:
    """Object, dative or passive subject, then the prepositions ('on Belarus'), then those of the
    object ('imposed sanctions on Belarus'). 'with' names a partner only in reciprocal acts
    ('met with', 'clashed with'); elsewhere it is an instrument ('threatened X with force')."""
    return [t for group in target_groups(tok, hint, reciprocal) for t in group]


def target_groups(tok: Token, hint: str | None, reciprocal: bool = False) -> list[list[Token]]:
    """Candidate targets in order of preference; the first group that names an actor wins, so
    "will meet Lavrov on the sidelines of an OSCE meeting" targets Lavrov only."""
    named = hint if hint and hint != "content" else None
    preps = (named,) if named else TARGET_PREPS if reciprocal else NON_RECIPROCAL_PREPS
    objs = [c for c in tok.children if c.dep_ in OBJECT_DEPS | {"dative"}] if not named else []
    if tok.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        objs = [c for c in tok.children if c.dep_ in PASSIVE_SUBJECT_DEPS] + objs
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            objs = [tok.head] + objs  # "10 Russian soldiers killed in Ukraine"
        elif _passive_relative(tok):  # "a journalist who was detained": the journalist
            objs = [tok.head] + [o for o in objs if o.tag_ not in RELATIVE_TAGS]
    elif elliptic_passive(tok):
        objs = [c for c in tok.children if c.dep_ in SUBJECT_DEPS] + objs
    elif _object_relative(tok) and not objs:  # "the companies it accuses": the companies
        objs = [tok.head]
    if tok.dep_ == "relcl":  # "the ambassador whom it accused": the ambassador
        objs = [tok.head if o.tag_ in RELATIVE_TAGS else o for o in objs]
    doc, by_prep = tok.doc, prep_map(tok)
    groups = [objs] + [[doc[i] for i in by_prep.get(p, ())] for p in preps]
    # an object's own partner: "boycott all contact with the United States"; a noun's "of"
    # object likewise: "the withdrawal of forces from Panama"
    object_preps = (named,) if named else TARGET_PREPS
    carriers = [c for c in tok.children if c.dep_ in OBJECT_DEPS | {"dative"}] if named else objs
    if tok.pos_ in ("NOUN", "PROPN"):
        carriers = carriers + prep_objects(tok, ("of",))
        # "sanctions targeting Russian banks", "strikes aimed at militia bases"
        groups.append([o for k in tok.children if k.dep_ == "acl" and lemma_of(k) in AIMING_VERBS
                       for o in objects(k) + prep_objects(k, ("at", "against"))])
    carried = [prep_map(o) for o in carriers]
    return groups + [[doc[i] for m in carried for i in m.get(p, ())] for p in object_preps]


def _first_actors(groups: list[list[Token]], lookup: ActorLookup, exclude: list[Actor]) -> list[Actor]:
    """The first group that names someone other than the source; the source's own people
    ("withdraw its troops from Lebanon") give way to a later group that names another party."""
    excluded_codes = {a.code for a in exclude if a.code}  # "its demand": ILO by another name
    own = {a.country for a in exclude if a.country}
    fallback: list[Actor] = []
    unnamed: list[Actor] = []  # "protesters": whose, the place may tell (see place_country)
    for group in groups:
        if not group:
            continue
        actors = [a for a in actors_of(group, lookup) if a not in exclude and a.code not in excluded_codes]
        found = [a for a in actors if _named(a)]
        if found and any(a.country not in own for a in found):
            return found
        fallback = fallback or found
        unnamed = unnamed or [a for a in actors if a.role and not _named(a)]
    return fallback or unnamed


LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "during", "on"}
# "the Syrian-backed Amal militia", "Qaeda-linked rebels": the patron named is not the group
PATRON_PARTICIPLES = {"back", "link", "support", "sponsor", "fund", "inspire", "ally", "align",
                      "affiliate", "connect", "tie"}
REPORTER_PRONOUNS = {"it", "they", "we", "its", "their", "our"}
NOT_INSIDE_PHRASE = {"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "conj", "cc", "punct"}


def _phrase_actors(tok: Token, lookup: ActorLookup) -> list[Actor]:
    """The actor of a noun phrase; when its head names none ("tens of thousands of students
    throughout Indonesia", "groups in Zimbabwe"), the nearest actor inside the phrase."""
    direct = lookup(tok)
    if any(_named(a) for a in direct):
        return direct

    def inside(node: Token) -> list[Token]:
        # places are where things happen, not who acts: "talks in Beijing" names no actor;
        # deeper in, they say whose thing it is: "parties to the conflict in Iraq"
        found = [c for c in node.children if c.dep_ not in NOT_INSIDE_PHRASE
                 and not (node == tok and c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS)
                 and not (c.tag_ == "VBN" and lemma_of(c) in PATRON_PARTICIPLES)]
        if not direct:  # "crimes committed by Croat forces": the doer of what the noun names
            found += [g for c in node.children if c.dep_ == "acl" and c.tag_ == "VBN"
                      for a in c.children if a.dep_ == "agent" for g in a.children]
        return found

    frontier = inside(tok)
    while frontier:  # "part of a military aid program for Bosnia": Bosnia, not "military"
        nxt = []
        for node in frontier:
            found = [a for a in lookup(node) if _named(a)]
            if found:
                return found
            nxt.extend(inside(node))
        frontier = nxt
    return direct


def actors_of(tokens: Iterable[Token], lookup: ActorLookup) -> list[Actor]:
    seen: dict[str | None, Actor] = {}
    for tok in [t for tok in tokens for t in (tok, *tok.conjuncts)]:  # "the US, Russia and ..."
        found = _phrase_actors(tok, lookup)
        if not found and tok.lower_ in REPORTER_PRONOUNS:  # "X said it would ..." : it = X
            found = [a for t in _governing_subject(tok.head) for a in _phrase_actors(t, lookup)]
        for actor in found:
            key = actor.code or actor.name
            seen.setdefault(key, actor)
    return list(seen.values())


def _clause_subjects(frame_tok: Token) -> list[Token]:
    """Subjects of a frame's content clauses: the addressee of "demanded that Mugabe resign"."""
    out: list[Token] = []
    for root in content_roots(frame_tok):
        if root.pos_ in ("VERB", "AUX"):
            out.extend(c for c in root.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    return out


def _document_issuer(subjects: list[Token], lookup: ActorLookup) -> list[Actor]:
    """"A report released by Amnesty alleged ...": who released the document that speaks;
    else the state where it was released ("a report released in the Rwandan capital")."""
    for doc_noun in (t for t in subjects if lemma_of(t) in DOCUMENT_NOUNS):
        for clause in (k for k in doc_noun.children if k.dep_ == "acl" and k.tag_ == "VBN"):
            agents = [g for a in clause.children if a.dep_ == "agent" for g in a.children]
            found = actors_of(agents, lookup)
            if found:
                return found
            here = _countries(actors_of(_place_of(clause), lookup))
            if here:
                return [Actor(name=here[0], code=here[0], country=here[0])]
    return []


def _governing_verb(tok: Token) -> Token | None:
    """The verb with a subject that governs ``tok``'s clause ("issued" in "issued a reminder
    that Iraq must ...")."""
    node = tok
    while node.head != node:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return node
    return None


def _governing_subject(tok: Token) -> list[Token]:
    """For "X said (that) Y must ...": X, the subject of the verb that governs the clause."""
    verb = _governing_verb(tok)
    return [c for c in verb.children if c.dep_ in SUBJECT_DEPS] if verb is not None else []


def _attacker_of_passive(tok: Token, violence_nouns: set[str]) -> list[Token]:
    """"were killed in Israeli tank shelling": the attack noun's modifiers name who acted."""
    if tok.tag_ != "VBN" or not any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children):
        return []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "during", "by")):
        for noun in (g for g in prep.children if g.dep_ == "pobj"
                     and (lemma_of(g) in violence_nouns or lemma_of(g) in WEAPON_NOUNS)):
            return [m for m in noun.children if m.dep_ in ("amod", "compound", "poss")]
    return []


# "killed in Israeli tank fire", "in a Saudi drone strike": the weapon's owner is the attacker
WEAPON_NOUNS = {"tank", "artillery", "drone", "warplane", "gunship", "gunboat", "missile", "rocket",
                "mortar", "sniper", "warship"}


def _place_of(tok: Token, depth: int = 2) -> list[Token]:
    """Places named by 'in/at/on' on the trigger or on its objects: where a protest took place
    ("in Beijing"), where blockades were imposed, what was hit ("at targets in Jericho")."""
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            objs = [g for g in child.children if g.dep_ == "pobj"]
            objs += [g for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"]  # "outside of Basra"
            for obj in objs:
                if obj.ent_type_ in ("GPE", "LOC") or lemma_of(obj) in PLACE_NOUNS:
                    found.append(obj)
                elif depth > 1:
                    found.extend(_place_of(obj, depth - 1))
        elif child.dep_ in OBJECT_DEPS and depth > 1:
            found.extend(_place_of(child, depth - 1))
    return found


PLACE_PREPS = ("in", "at", "on", "into", "near", "outside", "inside")
# "near the town of Samarra": the noun names a place, its "of" phrase which one
PLACE_NOUNS = {"city", "town", "village", "province", "region", "capital", "district", "port",
               "suburb", "neighbourhood", "neighborhood", "camp", "sector", "area", "quarter",
               "outskirts", "part", "north", "south", "east", "west", "northeast", "northwest",
               "southeast", "southwest", "centre", "center", "heart"}


def _condition_subjects(tok: Token) -> list[Token]:
    """"... unless Baghdad accepted its conditions": whom a conditional threat is aimed at."""
    out: list[Token] = []
    for node in (tok, *content_roots(tok)):
        for clause in node.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                               for m in clause.children):
                out.extend(c for c in clause.children if c.dep_ in SUBJECT_DEPS)
    return out


def find_actors(c: Candidate, lookup: ActorLookup, violence_nouns: set[str] | None = None) -> None:
    if c.frame == "demand" and c.token.pos_ == "AUX":  # "Y must ...": the reporter's demand on Y
        content = c.token.head
        c.sources = actors_of(_governing_subject(content), lookup)
        c.targets = [a for a in actors_of(subject_tokens(content), lookup) if a not in c.sources]
        if not c.targets:  # "issued a reminder to Iraq that it must ...": whom it was told to
            speech = _governing_verb(content)
            groups = target_groups(speech, None) if speech is not None else []
            c.targets = [a for a in _first_actors(groups, lookup, c.sources) if _named(a)]
        return
    if c.frame == "accuse" and c.token.dep_ == "xcomp" and lemma_of(c.token.head) == "be":
        # "(X says) Y is to blame": Y is blamed, by whoever says so
        c.targets = [a for a in actors_of(subject_tokens(c.token.head), lookup) if _named(a)]
        c.sources = [a for a in actors_of(_governing_subject(c.token.head), lookup) if a not in c.targets]
        return
    if c.received:  # "Georgia received assurances from NATO": NATO assures Georgia
        c.sources = actors_of(givers(c.anchor), lookup)
        c.targets = [a for a in actors_of(subject_tokens(c.anchor), lookup) if _named(a) and a not in c.sources]
        return
    subjects = ([t for t in c.anchor.children if t.dep_ in PASSIVE_SUBJECT_DEPS] if c.stative
                else subject_tokens(c.anchor))
    c.sources = actors_of(subjects, lookup) or _document_issuer(subjects, lookup)
    if len(subjects) > 1 and not any(s in subjects[0].conjuncts for s in subjects[1:]):
        c.sources = _most_specific(c.sources)  # "the militant group al-Shabab" parsed as two
    if not c.sources and violence_nouns:
        c.sources = actors_of(_attacker_of_passive(c.anchor, violence_nouns), lookup)
    if c.anchor != c.token:  # event noun: its own possessor/modifier, then the verb's subject
        c.sources = c.sources or actors_of(subject_tokens(c.token), lookup)
    if c.reciprocal and not c.sources:  # "clashes (erupted) between police and protesters":
        between = prep_objects(c.token, ("between",)) or prep_objects(c.anchor, ("between",))
        parties = actors_of(between, lookup)  # each side acts towards the other
        if len(parties) > 1:
            c.sources, c.targets, c.role_targets = parties, [], []
            return
    if c.frame == "tone":  # "'London's position is immoral,' he said": whom the words are about
        c.targets = _tone_targets(c, lookup)
        return
    # "a bombing at a police station killed 23 officers": whom the occurrence verb hit first
    occurring = c.anchor != c.token and c.token.dep_ in SUBJECT_DEPS
    targets = _suspects(c, lookup) or (
        _first_actors(target_groups(c.anchor, c.target_hint, c.reciprocal), lookup, c.sources) if occurring else [])
    targets = targets or _first_actors(target_groups(c.token, c.target_hint, c.reciprocal), lookup, c.sources)
    if not targets and c.anchor != c.token and not occurring:
        targets = _first_actors(target_groups(c.anchor, c.target_hint, c.reciprocal), lookup, c.sources)
    if not targets and c.frame in ("appeal", "demand"):  # "demanded that its partners refuse
        targets = [a for a in actors_of(_clause_subjects(c.token), lookup)  # ...": the partners
                   if a not in c.sources]
    # "urged the parties to respect it" is addressed to the parties, whoever they are: not to
    # whom the act they are urged to do aims at
    addressed = c.frame in ("appeal", "demand") and any(k.dep_ in OBJECT_DEPS for k in c.token.children)
    if not targets and c.embedded and not addressed:
        inner = c.embedded[0]
        find_actors(inner, lookup)
        # "X claimed that Y attacked Z" accuses Y; other frames aim at whom the act aims at
        ordered = inner.sources + inner.targets if c.frame == "accuse" else inner.targets + inner.sources
        # "Russia denied that its forces had shelled ...": one's own forces are no target
        own = [s.code for s in c.sources if s.code] if c.frame != "accuse" else []
        targets = [a for a in ordered if a not in c.sources
                   and not (a.code and any(a.code.startswith(o) for o in own))][:1]
    if not targets and c.frame in ("appeal", "demand", "threat", "accuse", "reject"):
        targets = [a for a in actors_of(_clause_subjects(c.token), lookup) if a not in c.sources]
    if not targets and c.frame in ("threat", "vow"):
        targets = [a for a in actors_of(_condition_subjects(c.token), lookup) if a not in c.sources]
    if not targets and c.frame and not addressed:  # "threatened to cut off electricity to Nakhichevan"
        roots = [r for r in content_roots(c.token) if r.pos_ == "VERB"]
        targets = [a for a in actors_of([t for r in roots for t in target_tokens(r, None)], lookup)
                   if a not in c.sources]
    if not targets and c.code[:2] in ATTACK_ROOTS:  # "shelled the town, killing six soldiers"
        targets = _first_actors([objects(r) for r in result_clauses(c.anchor)], lookup, c.sources)
    if c.code[:2] == "15":  # "put its troops on alert", "deployed its army": own forces, no target
        targets = [a for a in targets if a.country not in _countries(c.sources)]
    c.targets = [a for a in targets if _named(a)]
    # "at thousands of protesters": nobody named yet, but the place may tell whose (place_country)
    c.role_targets = [a for a in targets if not _named(a) and a.role] if not c.targets else []
    if "15" in (c.code[:2], *(e.code[:2] for e in c.embedded)):  # "scrambled jets", "would
        c.role_targets = []  # deploy more troops": one's own forces, no target


def _tone_targets(c: Candidate, lookup: ActorLookup) -> list[Actor]:
    """The first actor of another country that the words name ("London's position is
    immoral"), else the one the report is of ("said of Milosevic: ..."); not the audience ("told
    reporters", "told MPs")."""
    own = set(_countries(c.sources))
    for noun in _content_nouns(c.token) + prep_objects(c.token, ("of", "about")):
        found = [a for a in actors_of([noun], lookup) if _named(a) and a not in c.sources]
        others = [a for a in found if a.country not in own]
        if others:
            return others[:1]
    return []


def _content_nouns(frame: Token) -> list[Token]:
    """The nouns a report's content names, in order (whom its tone is about)."""
    from eventwire.verbs.tone import content_tokens

    return [t for t in content_tokens(frame) if t.pos_ in ("NOUN", "PROPN", "PRON")
            and t.dep_ not in ("compound", "amod")]


def own_claim(lex: Lexicon, c: Candidate) -> None:
    """"The rebels claimed they had bombed the airport": a claim that names the claimant as the
    doer accuses nobody; it claims responsibility (015), aimed at whom the act hit."""
    if c.frame != "accuse" or not c.embedded or not c.sources:
        return
    if not any(k.dep_ in SUBJECT_DEPS for k in c.embedded[0].anchor.children):
        return  # "accuses X of helping ...": X is accused, whoever the parse gives as doer
    doers = c.embedded[0].sources
    own = {a.code or a.name for a in c.sources}
    if doers and all((a.code or a.name) in own for a in doers):
        c.frame = "responsibility"
        c.code = lex.derived_code("responsibility", c.embedded[0].code)


def claimed_target(c: Candidate, lookup: ActorLookup) -> None:
    """"claimed responsibility for a bombing at a hotel in Kabul": the claim is aimed at whom
    the claimed act hit, else at the state where it happened."""
    if c.code != "015" or c.targets:
        return
    acts = [a for o in objects(c.token) for a in prep_objects(o, ("for",))]
    clauses = [k for a in acts for k in a.children if k.dep_ == "acl"]  # "an attack targeting ..."
    hit = _first_actors([t for a in acts + clauses for t in target_groups(a, None)], lookup, c.sources)
    places = _countries(actors_of([p for t in acts + clauses for p in _place_of(t, 3)], lookup))
    c.targets = [a for a in hit if _named(a)] or [Actor(name=p, code=p, country=p) for p in places[:1]]


def _suspects(c: Candidate, lookup: ActorLookup) -> list[Actor]:
    """An investigation or a condemnation of "crimes by X" is aimed at X, whoever the crimes hit
    (and even when X is of the investigator's own country)."""
    if c.frame or c.code[:2] not in ("09", "11"):
        return []
    doers = [g for o in objects(c.token) for p in o.children if p.dep_ == "prep" and p.lower_ == "by"
             for g in p.children if g.dep_ == "pobj"]
    return [a for a in actors_of(doers, lookup) if a not in c.sources and _named(a)]


def _most_specific(actors: list[Actor]) -> list[Actor]:
    """Drop an actor whose code a more specific one extends (SOMINS beside SOMINSSHB)."""
    return [a for a in actors if not (a.code and any(
        b.code and b.code != a.code and b.code.startswith(a.code) for b in actors))]


def _named(actor: Actor) -> bool:
    """A target must say who: a code, a country or a proper name ("general" in "a general
    strike" or a bare "parties" names nobody)."""
    return bool(actor.code or actor.country or actor.name[:1].isupper())


DOMESTIC_ROOTS = {"14", "17"}
VIOLENT_ROOTS = {"16", "18", "19", "20"}  # acts on a place: the state of the place
VISIT_CODES = {"042", "044"}


def _purpose_targets(c: Candidate, lookup: ActorLookup) -> list[Actor]:
    """"began a hunger strike to protest against Sweden's decision": whom the purpose names
    (a frame's infinitive is its content, not a purpose: "urged the parties to respect it")."""
    if c.frame:
        return []
    clauses = [k for k in c.anchor.children if k.dep_ in ("advcl", "xcomp") and is_unrealised(k)]
    return [a for a in actors_of([t for k in clauses for t in target_tokens(k, None)], lookup)
            if a not in c.sources and _named(a)]


def _countries(actors: list[Actor]) -> list[str]:
    return [a.country for a in actors if a.country and len(a.country) == 3
            and not a.country.startswith(("IGO", "NGO", "IMG"))]


def domestic_target(c: Candidate, lookup: ActorLookup) -> None:
    """Whom an act with no named target is aimed at, as CAMEO coders read it: whom its purpose
    clause names ("began a hunger strike to protest against Sweden's decision"); for protest and
    coercion the state where it happens ("in Beijing"), else the source's own state
    ("authorities imposed a curfew"); for attacks, cut-offs and visits the state of the place
    ("fired shells at targets in Jericho", "arrived in Amman")."""
    if c.targets or (c.reciprocal and len(c.sources) > 1):  # "clashes between X and Y": each other
        return
    c.targets = _purpose_targets(c, lookup)  # "sent material to help defend Saudi Arabia"
    act = c.embedded[0] if c.frame in ("threat", "vow") and c.embedded else c  # "threatened to
    root = act.code[:2]                                                   # impose a curfew in X"
    abroad = act.code in VISIT_CODES or root == "15"  # visits and shows of force: the place only
    eased = act.code.startswith("081")  # "lifted a curfew in Montenegro": those under it
    if c.targets or (root not in DOMESTIC_ROOTS | VIOLENT_ROOTS and not abroad and not eased):
        return
    places = actors_of(_place_of(act.anchor) + (_place_of(act.token) if act.anchor != act.token else []),
                     lookup)
    countries = _countries(places + (c.sources if root in DOMESTIC_ROOTS or eased else []))
    if abroad:  # a visit or drills "in" one's own country are aimed at no one
        countries = [k for k in countries if k not in _countries(c.sources)]
    if countries and c.role_targets:  # "at protesters in Almaty": Kazakh protesters
        c.targets = [_placed(a, countries[0]) for a in c.role_targets]
    elif countries:
        c.targets = [Actor(name=countries[0], code=countries[0], country=countries[0])]
        c.target_from_place = True


# acts done where they happen: a group with no country there belongs to the place's country,
# and an attack or an official act without a named doer is coded to the place's state
PLACED_ROOTS = DOMESTIC_ROOTS | VIOLENT_ROOTS | {"15"}
AGENTLESS_ROOTS = {"09", "17"} | ATTACK_ROOTS


def place_country(c: Candidate, lookup: ActorLookup) -> None:
    """CAMEO codes domestic actors by where they act: "ethnic Albanians demonstrated in Serbia"
    are Serbian, "the military government declared a state of siege in Haiti" Haitian; "a
    roadside bombing near Samarra killed a soldier" or "was put under investigation in Italy"
    has no named doer, so the act is coded to the state of the place (as GDELT and PLOVER do)."""
    act = c.embedded[0] if c.frame in ("threat", "vow") and c.embedded else c
    root = act.code[:2]
    if root not in PLACED_ROOTS | AGENTLESS_ROOTS:
        return
    anchors = [act.anchor] + ([act.token] if act.anchor != act.token else [])
    # "a roadside bombing near Samarra killed ...": the place of the subject that names no one
    anchors += [t for t in subject_tokens(act.anchor) if not lookup(t)]
    if act.anchor.dep_ in ("advcl", "conj"):  # "exploded near Kandahar, killing two soldiers"
        anchors.append(act.anchor.head)
    countries = _countries(actors_of([p for t in anchors for p in _place_of(t)], lookup))
    if not countries and root in DOMESTIC_ROOTS:  # "Turkish police prevented a demonstration
        countries = _countries(c.sources)[:1]     # by students": Turkish students
        c.targets = [_placed(a, countries[0]) for a in c.targets] if countries else c.targets
        return
    if not countries:
        return
    here = countries[0]
    if root in PLACED_ROOTS:
        c.sources = [_placed(a, here) for a in c.sources]
        c.targets = [_placed(a, here) for a in c.targets or c.role_targets]
    if not c.sources and root in AGENTLESS_ROOTS and c.frame is None:
        c.sources = [Actor(name=here, code=here, country=here)]
        c.source_from_place = True


def home_forces(c: Candidate, lookup: ActorLookup) -> None:
    """Coercion at home, read the other way: a state's forces of no named country that coerce
    people in a place the sentence names are that place's ("security forces fired tear gas at
    protesters in Nairobi": Kenyan forces; not "police arrested two Kenyan journalists")."""
    if c.frame or c.code[:2] != "17":
        return
    homes = set(_countries(c.targets))
    if len(homes) != 1 or not any(a.country is None and a.role in STATE_ROLES for a in c.sources):
        return
    places = [e.root for e in c.anchor.sent.ents if e.label_ in ("GPE", "LOC")]
    if homes & set(_countries(actors_of(places, lookup))):
        home = homes.pop()
        c.sources = [_placed(a, home) if a.role in STATE_ROLES else a for a in c.sources]


def last_resort_targets(c: Candidate) -> None:
    """People no rule could place ("released the civilians") are still the target: a role with
    no country says more than nothing."""
    if not c.targets and c.role_targets and not (c.reciprocal and len(c.sources) > 1):
        c.targets = [a for a in c.role_targets if a not in c.sources]


def _placed(actor: Actor, country: str) -> Actor:
    if actor.country:
        return actor
    return Actor(actor.name, country + (actor.role or ""), country, actor.role)


# people whose violence is a riot: "protesters torched cars" is 145, not an attack by civilians
PROTESTERS = {"protester", "protestor", "demonstrator", "rioter", "marcher"}
RIOT_ROOTS = {"17", "18", "19"}


STATE_ROLES = {"COP", "MIL", "GOV", "SPY", None}  # None: the state itself ("Israeli attacks")
PROTESTS = PROTESTERS | {"protest", "demonstration", "rally", "march", "sit-in", "crowd"}


def _state_forces(actors: list[Actor]) -> bool:
    return bool(actors) and all(a.country and a.role in STATE_ROLES for a in actors)


def violent_protest(c: Candidate) -> None:
    """CAMEO codes violence done by protesters as a violent protest (145), and violence of a
    state's forces against protesters as violent repression (175)."""
    if c.frame or (c.code[:2] not in RIOT_ROOTS and c.code != "145"):
        return
    armed = any(lemma_of(o) in WEAPON_NOUNS | {"shell"} for o in objects(c.anchor))
    partners = prep_objects(c.anchor, ("with",)) if c.reciprocal else []
    if not armed and any(lemma_of(t) in PROTESTERS for t in subject_tokens(c.anchor)):
        c.code = "145"  # (and "protesters clashed with police": the police's side is repression)
        forces = c.targets or c.role_targets  # (placed in a country only later)
        c.reverse_code = "175" if c.reciprocal and forces and all(a.role in STATE_ROLES - {None} for a in forces) else None
    elif (c.code[:2] in ATTACK_ROOTS and _state_forces(c.sources)
          and any(lemma_of(t) in PROTESTS for t in _target_heads(c) + partners)):
        c.code = "175"
        c.reverse_code = "145" if c.reciprocal else None


def is_mishap(lex: Lexicon, c: Candidate) -> bool:
    """A death or destruction an accident or a disaster causes is no political event: "floods
    killed 30 people", "were killed in a car crash", "killed when a bus crashed". The words are
    ``mishap`` rows of ``support.csv``."""
    if c.frame or c.code[:2] not in ATTACK_ROOTS:
        return False
    mishaps = lex.support.get("mishap", set())
    tok = c.anchor
    if c.nominal and (lemma_of(tok) in mishaps and not _armed(tok) or any(
            lemma_of(t) in mishaps for t in prep_objects(tok, ("against", "with", "on")))):
        return True  # "a fire broke out", "their battle against wildfires"
    causes = subject_tokens(tok)  # "an earthquake leveled villages, killing hundreds"
    causes += [g for p in tok.children if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by", "during", "after")
               for g in p.children if g.dep_ == "pobj"]
    # "... when a bus crashed", "... after an earthquake rocked the island"
    clauses = [k for v in (tok, *tok.conjuncts) for k in v.children if k.dep_ == "advcl"]
    causes += clauses + [s for k in clauses for s in k.children if s.dep_ in SUBJECT_DEPS]
    return any(lemma_of(t) in mishaps and not _armed(t) for t in causes)


def _armed(noun: Token) -> bool:
    """"Israeli tank fire", "sniper fire": fire someone aimed, not a blaze."""
    return any(m.dep_ in ("amod", "compound", "poss") and (lemma_of(m) in WEAPON_NOUNS or m.ent_type_ == "NORP")
               for m in noun.children)


def _target_heads(c: Candidate) -> list[Token]:
    """The nouns the act is aimed at: objects and the heads after "on/at/against"."""
    tok = c.anchor
    heads = [t for t in tok.children if t.dep_ in OBJECT_DEPS]
    heads += prep_objects(tok, ("on", "at", "against", "upon", "into"))
    heads += [o for k in tok.children if k.dep_ in ("advcl", "xcomp") and is_unrealised(k)
              for o in k.children if o.dep_ in OBJECT_DEPS]  # "opened fire to disperse protesters"
    if c.token != c.anchor:
        heads += prep_objects(c.token, ("on", "at", "against", "upon"))
    return heads + [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]  # "thousands of protesters"
