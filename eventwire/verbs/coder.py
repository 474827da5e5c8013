"""Coding one parsed sentence into CAMEO events, in four passes.

1. *Acts*: every token that a pattern of ``acts.csv`` matches (verbs anywhere; nouns only when a
   support verb, an occurrence verb or a frame makes them an event).
2. *Frames* (``frames.csv``), deepest first: threats, intentions, appeals, demands, rejections,
   denials and accusations take the act they embed, are coded through ``derive.csv`` and consume
   it (the embedded act did not happen). Reports ("X said ...") keep what they embed and record X
   as its speaker; a report with nothing codeable inside is the residual 010 statement, used only
   when the sentence has no other event.
3. *Modality*: negated acts and frames are dropped (or flagged with ``keep_negated``); acts under a
   modal or a condition ("would", "if") are hypothetical and dropped unless a frame carries them.
4. *Actors* (``verbs.participants``): source and target from the parse (subject/object, passive
   "by", prepositions, object control "urged X to ..."), else from the place; compound actors
   give one event each, reciprocal acts (meetings, signings, clashes) one each way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.model import Actor
from eventwire.verbs.patterns import ActPattern, Condition, FramePattern, Lexicon

ActorLookup = Callable[[Token], list[Actor]]

SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
OBJECT_DEPS = {"dobj", "obj"}
NOT_COMPLEMENT = {"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "punct", "cc", "conj", "mark",
                  "neg", "advmod", "det", "relcl", "appos", "npadvmod", "parataxis"}
TARGET_PREPS = ("against", "with", "on", "upon", "to", "toward", "towards", "at", "from", "into",
                "over", "of", "for", "between")
NON_RECIPROCAL_PREPS = tuple(p for p in TARGET_PREPS if p != "with")
CONTENT_PREPS = {"of", "for", "about", "to", "with", "on", "against", "from", "into"}
MODALS = {"would", "could", "might", "may", "should", "must", "can"}
CONDITION_MARKS = {"if", "unless", "whether"}
NEGATIONS = {"not", "n't", "never", "no"}
MODIFIER_DEPS = {"amod", "compound", "nmod"}
# control verbs whose infinitive complement reports a fact ("continued to fight")
FACTUAL_CONTROL = {"continue", "begin", "start", "manage", "resume", "keep", "proceed", "go",
                   "move", "use", "help"}
DOCUMENT_NOUNS = {"declaration", "statement", "letter", "resolution", "communique", "petition",
                  "report", "decree", "motion", "memorandum", "note", "message", "appeal"}
QUOTE_MARKS = {'"', "“", "”", "``", "''"}
MEASURE_NOUNS = {"worth", "ton", "tonne", "kg", "kilogram", "amount", "quantity", "shipment",
                 "consignment", "load", "batch", "supply", "package", "lot"}
ATTACK_ROOTS = {"18", "19", "20"}  # assaults, fights, mass violence
# "used water cannon to disperse": the object is an instrument, the purpose clause the act
INSTRUMENT_VERBS = {"use", "employ"}
COOPERATIVE_ROOTS = {"01", "02", "03", "04", "05", "06", "07", "08"}


@dataclass
class Candidate:
    token: Token
    code: str
    pattern: str
    anchor: Token  # the token whose syntax gives the actors (support verb for a licensed noun)
    trigger_tokens: list[Token]
    frame: str | None = None
    embedded: list["Candidate"] = field(default_factory=list)
    consumed: bool = False
    negated: bool = False
    hypothetical: bool = False
    speaker: Token | None = None
    reciprocal: bool = False
    target_hint: str | None = None
    negated_content: bool = False  # "will not meet": the negation is part of the frame's code
    stative: bool = False  # "Israel is opposed to ...": the passive subject acts
    received: bool = False  # "Kyiv received weapons from Berlin": the giver acts on the subject
    reverse_code: str | None = None  # a reciprocal act coded otherwise the other way (145/175)
    source_from_place: bool = False  # no doer named: the state of the place stands in
    target_from_place: bool = False  # no one named as hit: the state of the place stands in
    role_targets: list[Actor] = field(default_factory=list)  # people of no named country
    background: bool = False  # a frame that reports no act of its own, but still holds its content
    nominal: bool = False  # an event noun no verb makes happen, told as a fact ("after clashes with X")
    bare: bool = False  # an event noun no verb makes happen, not told as a fact: a frame's content at most
    quoted_by: Actor | None = None  # the speaker of the quotation the sentence is part of
    derived: bool = False  # found by a pattern derived from another coder's dictionary
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)


def lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


# the pattern part of speech of each spaCy one (other parts of speech trigger nothing)
PATTERN_POS = {"VERB": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A", "AUX": "AUX"}


def objects(tok: Token) -> list[Token]:
    objs = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    if not objs and tok.tag_ == "VBN":
        objs = [c for c in tok.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    objs += [c for o in objs for c in o.conjuncts]
    # "delivered $50,000 worth of goods", "sent 20 tons of food": what is measured
    if not objs and tok.tag_ == "VBN" and tok.dep_ == "acl" and any(c.dep_ == "agent" for c in tok.children):
        objs = [tok.head]  # "shells fired by the rebels": what was fired
    return objs + [g for o in objs if _quantity(o)
                   for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj"]


def complement_lemmas(tok: Token) -> set[str]:
    cache = tok.doc.user_data.setdefault("eventwire_complements", {})
    if tok.i not in cache:
        cache[tok.i] = _complement_lemmas(tok)
    return cache[tok.i]


def _complement_lemmas(tok: Token) -> set[str]:
    lemmas: set[str] = set()
    for child in tok.children:
        if child.dep_ in NOT_COMPLEMENT or _earlier_event(child):
            continue
        lemmas.update(lemma_of(t) for t in child.subtree)
        lemmas.update(t.lower_ for t in child.subtree)
    return lemmas


# "killed 12 militants, days after a suicide bombing killed 23 officers": another event, told
# to say when, is not what the act is about
TEMPORAL_WORDS = {"after", "before", "since", "until", "following"}


def _earlier_event(child: Token) -> bool:
    if child.dep_ == "prep" and child.lower_ in TEMPORAL_WORDS:
        return any(g.dep_ == "pobj" and g.pos_ == "NOUN" and any(k.dep_ == "acl" or k.pos_ == "VERB" for k in g.subtree)
                   for g in child.children) or any(c.dep_ == "pcomp" for c in child.children)
    return child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in TEMPORAL_WORDS for m in child.children)


def _condition_holds(cond: Condition, tok: Token) -> bool:
    key, values = cond.key, cond.values
    if key == "obj":
        return any(_named_as(o, values) for o in objects(tok))
    if key == "adv":  # "sexually abused"
        return any(c.dep_ == "advmod" and lemma_of(c) in values for c in tok.children)
    if key == "subj":  # "a grenade exploded", "thousands of protesters gathered"
        return any(_named_as(c, values) for s in tok.children if s.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS
                   for c in (s, *_counted(s)))
    if key == "notobj":  # "released a report", "a report released on Tuesday": no people
        described = [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" else []
        return not any(lemma_of(o) in values or o.lower_ in values for o in objects(tok) + described)
    if key == "about":
        return bool(values & complement_lemmas(tok))
    if key == "prep":
        return any(c.dep_ in ("prep", "agent") and lemma_of(c) in values for c in tok.children)
    if key == "prt":  # "forced them out of Papua": the parser may call "out" a preposition, and
        # "stepped down" an adverb right after its verb
        return any(lemma_of(c) in values and (c.dep_ == "prt" or (
            c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children))
            or (c.dep_ == "advmod" and c.i == tok.i + 1)) for c in tok.children)
    if key == "cond":  # "may halt mediation if cooperation founders": a condition on the clause
        clause = tok.head if tok.pos_ == "AUX" else tok
        return bool(_condition_clauses(clause, CONDITION_MARKS - {"whether"}))
    if key == "active":
        return not (tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN")
    if key == "noobj":
        return not objects(tok)
    if key == "xcomp":
        return any(c.dep_ == "xcomp" and (not values or lemma_of(c) in values) for c in tok.children)
    if key == "ccomp":
        return any(c.dep_ == "ccomp" for c in tok.children)
    return True  # "content" is checked once the embedded acts are known


def _named_as(noun: Token, values: frozenset[str]) -> bool:
    """The noun, or a title compounded with it, is one of the words: "summoned Ambassador
    Huang" summons an ambassador."""
    return (lemma_of(noun) in values or noun.lower_ in values
            or (noun.pos_ == "PROPN" and any(c.dep_ == "compound" and lemma_of(c) in values for c in noun.children)))


def _counted(noun: Token) -> list[Token]:
    """What a number or an amount counts: "thousands of protesters", "large numbers of people"."""
    if not _quantity(noun):
        return []
    return [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def hyphenated(tok: Token) -> str:
    """"sit-in", "cease-fire": the tokenizer splits them and the parser hangs the first part on
    the last; patterns name the whole word (asked only for a last part some pattern has)."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].tag_ == "HYPH" and doc[tok.i - 2].head.i == tok.i:
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return ""


def best_act(lex: Lexicon, tok: Token) -> ActPattern | None:
    pos = PATTERN_POS.get(tok.pos_)
    if pos is None or pos == "AUX":
        return None
    patterns = (lex.acts.get((lemma_of(tok), pos)) or lex.acts.get((tok.lower_, pos))
                or (tok.lower_ in lex.hyphen_ends and lex.acts.get((hyphenated(tok), pos))) or [])
    for pattern in patterns:  # most specific first (sorted when the lexicon is loaded)
        if all(_condition_holds(c, tok) for c in pattern.conditions):
            return pattern
    return None


def frame_of(lex: Lexicon, tok: Token) -> FramePattern | None:
    pos = PATTERN_POS.get(tok.pos_)
    if pos is None:
        return None
    for pattern in lex.frames.get((lemma_of(tok), pos), []):
        if all(_condition_holds(c, tok) for c in pattern.conditions):
            return pattern
    return None


def _background_frame(lex: Lexicon, tok: Token) -> bool:
    """A frame word that reports no act of its own: a demand noun no verb makes an event
    ("to press their demands"), a purpose clause ("blocked roads to demand reform"), a
    participle describing a noun ("a demonstration calling for reform")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return licensing_verb(lex, tok) is None
    if tok.pos_ == "AUX":  # "would be indicted": a passive has no one whose intention it is
        return any(c.dep_ == "auxpass" for c in tok.head.children)
    if tok.dep_ == "acl":  # unless the noun is a document that speaks ("a declaration demanding")
        return lemma_of(tok.head) not in DOCUMENT_NOUNS
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _is_protest(lex, tok.head):
        return True  # "demonstrated in Kirkuk calling for independence": what the protest wants
    return tok.dep_ in ("advcl", "pcomp") and is_unrealised(tok)


def _is_protest(lex: Lexicon, tok: Token) -> bool:
    """A protest verb, or a verb that stages a protest noun ("staged a sit-in ... demanding")."""
    if (p := best_act(lex, tok)) is not None and p.code.startswith("14"):
        return True
    return any((p := best_act(lex, o)) is not None and p.code.startswith("14") for o in objects(tok))


# participles that say what the frame before them said: "warned Russia ..., saying that ..."
# (after a rejection, a denial or an accusation they give the reason, not the content)
JUSTIFIED_FRAMES = {"reject", "deny", "accuse"}
CIRCUMSTANCE_MARKS = {"after", "before", "since", "when", "while", "as", "because", "although",
                      "though", "once", "whereas"}
SAYING = {"say", "add", "note", "stress", "state", "explain", "insist", "tell", "declare"}
COLLECTION_NOUNS = {"series", "wave", "spate", "string", "number", "set", "round", "flurry",
                    "barrage", "volley", "day", "week", "month", "year", "hour", "dozen", "score",
                    "hundred", "thousand"}
# nouns that carry the event of a noun compounded with them ("a mediation mission")
CARRIER_NOUNS = {"mission", "process", "effort", "operation", "campaign", "programme", "program",
                 "initiative", "plan", "package", "round", "warrant"}


def _eventful(lex: Lexicon, noun: Token) -> bool:
    lemma = lemma_of(noun)
    return lemma in CARRIER_NOUNS or (lemma, "N") in lex.acts or (lemma, "N") in lex.frames


def _quantity(noun: Token) -> bool:
    """"5 million dollars", "700 kg", "$50,000 worth": an amount, whose "of" says of what."""
    return (noun.pos_ == "NUM" or lemma_of(noun) in MEASURE_NOUNS | COLLECTION_NOUNS
            or any(c.dep_ in ("nummod", "quantmod") for c in noun.children))


def licensing_verb(lex: Lexicon, noun: Token) -> Token | None:
    """The support or occurrence verb that makes an event noun an event, if any."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and _eventful(lex, noun.head):
        noun = noun.head  # "a mediation mission", "peace talks" (not "invasion forces")
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and _quantity(noun.head.head):
        noun = noun.head.head  # "5 million dollars of aid", "700 kg of medicine"
    head = noun.head
    receiving = lex.support.get("receive", ())
    if noun.dep_ in OBJECT_DEPS and lemma_of(head) in receiving and givers(head):
        return head  # "faced criticism from Washington"
    if noun.dep_ == "pobj" and head.lower_ == "under" and lemma_of(head.head) in receiving and givers(head.head):
        return head.head  # "came under pressure from the EU"
    if noun.dep_ in OBJECT_DEPS | {"nsubjpass", "dative"} and lemma_of(head) in lex.support.get("support", ()):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and lemma_of(head.head) in lex.support.get("support", ()):
        return head.head  # "engaged in ethnic cleansing", "held talks during a visit to Beirut"
    if noun.dep_ in SUBJECT_DEPS and lemma_of(head) in lex.support.get("occur", ()):
        return head
    if noun.dep_ == "expl" or (noun.dep_ == "attr" and lemma_of(head) == "be"):
        return head  # "there were clashes"
    return None


# words that tell of an act without saying it happened: "fears of clashes", "plans for talks",
# "to prevent attacks", "the threat of sanctions"
UNREALISED_GOVERNORS = {
    "fear", "risk", "threat", "danger", "possibility", "prospect", "plan", "proposal", "idea",
    "hope", "chance", "bid", "attempt", "effort", "call", "demand", "need", "push", "pressure",
    "option", "prevent", "avoid", "deter", "stop", "halt", "seek", "want", "consider", "discuss",
    "debate", "prepare", "preparation", "rule", "warn", "warning", "urge", "threaten", "propose",
    "plot", "scheme", "intention", "aim", "goal", "purpose", "talk", "rumour", "rumor", "speculation",
    "expect", "expectation", "await", "condition", "case", "event", "unless", "if", "instead",
    "without", "before", "ahead", "potential", "possible", "likely", "future", "further", "any",
    "imminent", "planned", "proposed", "looming",
    # "lifted the sanctions", "ended the blockade": the act told is the ending, not the thing ended
    "lift", "remove", "ease", "end", "suspend", "relax", "scrap", "cancel", "revoke", "abolish",
}
# prepositions that put an act in the future or make it a purpose: "for talks", "toward peace"
UNREALISED_PREPS = {"for", "toward", "towards", "without", "before", "ahead", "instead", "despite"}
# acts whose noun alone tells that they happened ("the clashes", "the arrest of X", "sanctions
# against Y"); a noun of giving or of a statement ("aid", "support", "a deal") needs its verb
NOMINAL_ROOTS = {"04", "14", "16", "17", "18", "19", "20"}
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "attr", "conj", "ROOT", "oprd"}


def told_as_fact(lex: Lexicon, noun: Token) -> bool:
    """An event noun no support verb licenses still tells of an act that happened when it
    stands as a fact in its clause: a subject ("the clashes came as ..."), the object of a
    preposition ("injured in clashes with police", "after the assassination of Sadat"), the
    object of a verb that is no frame ("condemned the downing of the plane"). Not when a word
    above it makes it unrealised ("fears of clashes", "to prevent attacks", "calls for talks"),
    nor as a modifier ("a peacekeeping force"), nor under a negation, a modal or a condition."""
    if noun.dep_ not in NOMINAL_DEPS or noun.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return False
    if any(c.dep_ in ("det", "neg") and c.lower_ in NEGATIONS for c in noun.children):
        return False
    if any(c.dep_ == "amod" and lemma_of(c) in UNREALISED_GOVERNORS for c in noun.children):
        return False  # "possible strikes", "new sanctions", "further talks"
    node = noun
    while node.dep_ == "conj" and node.head != node:
        node = node.head
    for step in range(6):  # up to the clause that tells it
        head = node.head
        if head == node:
            return True
        if node.dep_ == "pobj" and lemma_of(head) in UNREALISED_PREPS:
            return False
        if lemma_of(head) in UNREALISED_GOVERNORS or (head.pos_ != "VERB" and frame_of(lex, head) is not None):
            return False
        if head.pos_ in ("VERB", "AUX"):
            return not (is_negated(head) or is_hypothetical(head) or _in_condition(head))
        node = head
    return False


def _in_condition(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS | {"unless"} for c in verb.children)


def givers(verb: Token) -> list[Token]:
    """Who gave what the verb's subject received: "from" of the verb, of its object, or of
    what it came under ("came under fire from rebels")."""
    held = objects(verb) + [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "under"
                            for g in p.children if g.dep_ == "pobj"]
    return prep_objects(verb, ("from",)) + [g for o in held for g in prep_objects(o, ("from",))]


def _modifier(lex: Lexicon, tok: Token) -> bool:
    """"alleged bombers", "Syrian-backed militia", "occupied territories"."""
    return tok.dep_ in MODIFIER_DEPS and tok.pos_ in ("VERB", "ADJ")


def _participle_noun(lex: Lexicon, tok: Token) -> bool:
    """"evacuated the wounded": a participle used as a noun."""
    return tok.tag_ == "VBN" and any(c.dep_ == "det" for c in tok.children)


def _describing_participle(lex: Lexicon, tok: Token) -> bool:
    """"police dispersed demonstrators protesting the results": who, not what."""
    return tok.dep_ == "acl" and tok.tag_ == "VBG" and lemma_of(tok.head) not in DOCUMENT_NOUNS


def _protest_manner(lex: Lexicon, tok: Token) -> bool:
    """"prisoners rioted, setting fire to mattresses": how the protest went."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and _is_protest(lex, tok.head)


def _violence_result(lex: Lexicon, tok: Token) -> bool:
    """"shelled the town, killing six": what the shelling did, not a second act (but "attacked
    the village, abducting two women" is a second act)."""
    return (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok in result_clauses(tok.head)
            and _violence_root(lex, tok) in {_violence_root(lex, tok.head)} - {None})


NOT_WORDS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _in_a_date(lex: Lexicon, tok: Token) -> bool:
    """"March 5", "in May": a date or a number, whatever the word means elsewhere."""
    return tok.ent_type_ in NOT_WORDS


# words that trigger nothing where they stand, tried in order; the name is what --explain says
NOT_TRIGGERS: tuple[tuple[str, Callable[[Lexicon, Token], bool]], ...] = (
    ("part of a date or a number", _in_a_date),
    ("a modifier", _modifier),
    ("a participle used as a noun", _participle_noun),
    ("a participle describing a noun", _describing_participle),
    ("how a protest went", _protest_manner),
    ("the result of the act before it", _violence_result),
)


def not_trigger(lex: Lexicon, tok: Token) -> str | None:
    """Why the token triggers nothing where it stands (None when it may)."""
    if tok.pos_ not in PATTERN_POS:
        return "not a verb, noun or adjective"
    return next((name for name, rule in NOT_TRIGGERS if rule(lex, tok)), None)


def find_candidates(lex: Lexicon, sent: SpacySpan) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in sent:
        if (lemma_of(tok) not in lex.words and tok.lower_ not in lex.words) or not_trigger(lex, tok):
            continue  # a word no pattern names is looked at no further
        frame = frame_of(lex, tok)
        if frame is not None:
            verb = licensing_verb(lex, tok) if tok.pos_ in ("NOUN", "PROPN") else None
            anchor = verb or tok  # "Germany issued a warning": the support verb gives the actors
            found.append(Candidate(tok, "", f"frame:{frame.frame}", anchor, [tok], frame=frame.frame,
                                   target_hint="content" if any(c.key == "content" for c in frame.conditions) else None,
                                   stative=is_stative(lex, tok),
                                   received=verb is not None and lemma_of(verb) in lex.support.get("receive", ()),
                                   background=_background_frame(lex, tok)))
            continue
        pattern = best_act(lex, tok)
        if pattern is None:
            continue
        anchor, trigger = tok, [tok]
        if pattern.pos == "N":
            verb = licensing_verb(lex, tok)
            if verb is None:  # told as a fact ("in clashes with police"), or only as a frame's content
                told = pattern.code[:2] in NOMINAL_ROOTS and told_as_fact(lex, tok)
                found.append(Candidate(tok, pattern.code, pattern.id + ("/noun" if told else ""), tok, [tok], consumed=not told,
                                       reciprocal=pattern.reciprocal, target_hint=pattern.target,
                                       nominal=told, bare=not told))
                continue
            anchor, trigger = verb, sorted({verb, tok}, key=lambda t: t.i)
        received = anchor != tok and lemma_of(anchor) in lex.support.get("receive", ())
        found.append(Candidate(tok, pattern.code, pattern.id, anchor, trigger,
                               reciprocal=pattern.reciprocal and not received, target_hint=pattern.target,
                               stative=is_stative(lex, anchor), received=received, derived=pattern.derived))
    return _drop_doubles(lex, found)


def result_clauses(tok: Token) -> list[Token]:
    """"..., killing six people": bare -ing clauses that tell what an act brought about."""
    return [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"
            and not any(k.dep_ in ("mark", "aux") or k.dep_ in SUBJECT_DEPS for k in c.children)
            and c.i > tok.i and c.doc[c.i - 1].is_punct]


def _violence_root(lex: Lexicon, tok: Token) -> str | None:
    """The root of an act of force by the token itself or by the event noun it governs
    ("launched an attack"); None when it is no act of force."""
    pattern = best_act(lex, tok)
    if pattern is None and tok.pos_ == "VERB":
        pattern = next((p for o in objects(tok) if (p := best_act(lex, o)) is not None), None)
    return pattern.code[:2] if pattern is not None and pattern.code[:2] in ATTACK_ROOTS else None


def is_stative(lex: Lexicon, tok: Token) -> bool:
    """A participle whose passive form states what its subject does ("is opposed to",
    "were engaged in"): no agent, and a lemma listed as stative in ``support.csv``."""
    return (tok.tag_ == "VBN" and lemma_of(tok) in lex.support.get("stative", ())
            and not any(c.dep_ == "agent" for c in tok.children)
            and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children))


def _root_of(lex: Lexicon, c: Candidate) -> str | None:
    """The CAMEO root a candidate codes: its act's, or its frame's default ("demand": 10)."""
    if c.code:
        return c.code[:2]
    default = lex.derive.get(c.frame or "", {}).get("")
    return default[:2] if default else None


def _drop_doubles(lex: Lexicon, found: list[Candidate]) -> list[Candidate]:
    """One event per verb-noun pair: a verb coded in its own right wins over the noun it
    governs ("imposed sanctions"), an event noun over the occurrence verb it is the subject of
    ("a roadside bombing killed ...")."""
    subject_nouns = {c.anchor.i for c in found if c.anchor != c.token and c.token.dep_ in SUBJECT_DEPS}
    found = [c for c in found if not (c.anchor == c.token and c.token.i in subject_nouns)]
    # a verb coded only by a derived pattern gives way to its own lexicon's noun act of the same
    # root ("presented evidence against Iran": the accusation, with its target)
    own_nouns = {(c.anchor.i, _root_of(lex, c)) for c in found if c.anchor != c.token and not c.derived}
    found = [c for c in found if not (c.derived and (c.token.i, c.code[:2]) in own_nouns)]
    coded_verbs = {c.token.i for c in found if c.token.pos_ == "VERB" and c.code}
    found = [c for c in found if not (c.anchor != c.token and c.anchor.i in coded_verbs)]
    # "used tear gas to disperse protesters": one act, told by its purpose clause
    purposes = {(c.token.head.i, c.code[:2]) for c in found
                if c.code and c.token.dep_ == "xcomp" and lemma_of(c.token.head) in INSTRUMENT_VERBS}
    found = [c for c in found if (c.token.i, c.code[:2]) not in purposes]
    # "were killed in an attack", "fought in heavy clashes": the verb tells the act the noun names
    verbs = {(c.token.i, c.code[:2]) for c in found if c.token.pos_ == "VERB" and c.code}
    return [c for c in found if not (c.nominal and (clause_verb(c.token).i, c.code[:2]) in verbs)]


def clause_verb(tok: Token) -> Token:
    while tok.head != tok and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok


def content_roots(frame_tok: Token, frame: str | None = None) -> list[Token]:
    """Where a frame's embedded act sits: clause complements, objects, 'of/for' phrases."""
    if frame_tok.pos_ == "AUX":
        return [frame_tok.head]
    roots = []
    for child in frame_tok.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CIRCUMSTANCE_MARKS for m in child.children):
            continue  # "vowed an inquiry after seven people were murdered": when, not what
        if (child.dep_ == "advcl" and child.tag_ == "VBG" and not any(m.dep_ == "mark" for m in child.children)
                and (lemma_of(child) not in SAYING or frame in JUSTIFIED_FRAMES)):
            continue  # "urged Uganda to ..., accusing them of ...": a second act, not the content;
            # ", saying that ..." still says what a threat was, but only why a rejection was made
        if child.dep_ in ("xcomp", "ccomp", "dobj", "obj", "advcl", "acl", "attr", "oprd"):
            roots.append(child)
        elif child.dep_ == "relcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            roots.append(child)  # "a consensus to exchange intelligence": parsed as a relative
        elif child.dep_ == "prep" and lemma_of(child) in CONTENT_PREPS:
            roots.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
        elif child.dep_ == "nsubjpass":
            roots.append(child)
    if frame_tok.dep_ in ("acl", "relcl") and frame_tok.head.pos_ == "NOUN":
        roots.append(frame_tok.head)  # "the sanctions he threatened"
    if frame_tok.pos_ == "NOUN" and frame_tok.dep_ in OBJECT_DEPS:  # "reiterated its demand today
        roots.extend(c for c in frame_tok.head.children  # that Israel ease ...": the parser
                     if c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children))  # hangs the clause on the verb
    return roots


def _frame_order(c: Candidate) -> float:
    """Deepest frames first; a future ("will ask") right after the frame it governs, so it
    sees that frame's code (a "must" demand keeps its own depth: it is the reporter's demand)."""
    if c.token.pos_ == "AUX" and c.frame == "intent":
        return -(_depth(c.token.head) - 0.5)
    return -_depth(c.token)


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head != tok:
        tok, depth = tok.head, depth + 1
    return depth


def attach_frames(candidates: list[Candidate]) -> None:
    """Give each frame the acts in its content, deepest frames first so nesting composes."""
    by_token = {c.token.i: c for c in candidates}
    for frame in sorted((c for c in candidates if c.frame), key=_frame_order):
        for root in content_roots(frame.token, frame.frame):
            outside = _coordinated_with_frame(root)
            low, high = root.left_edge.i, root.right_edge.i  # the parser's subtrees are contiguous
            inner = [c for i, c in by_token.items() if low <= i <= high and i != frame.token.i
                     and i not in outside]
            inner = [c for c in inner if not _inside_other_frame(c, root, by_token)
                     and not _under_condition(c.token, frame.token)
                     and not _in_modifier_clause(c.token, root)]
            if frame.token.pos_ == "AUX":  # "the expulsions would have consequences": what
                subject = {t.i for s in root.children if s.dep_ in SUBJECT_DEPS for t in s.subtree}
                inner = [c for c in inner if c.token.i not in subject]  # the subject names is no plan
            # a broken parse can put a frame inside its own content ("said it would the price"):
            # what already holds the frame is not held by it
            frame.embedded.extend(c for c in inner if not _holds(c, frame))


def _holds(outer: Candidate, c: Candidate) -> bool:
    """Whether ``c`` is among what ``outer`` embeds, at any depth."""
    seen: set[int] = set()
    todo = list(outer.embedded)
    while todo:
        inner = todo.pop()
        if inner is c:
            return True
        if id(inner) not in seen:
            seen.add(id(inner))
            todo.extend(inner.embedded)
    return False


def _coordinated_with_frame(root: Token) -> set[int]:
    """"The Kremlin denied it was planning an invasion and accused Kyiv ...": a verb joined to a
    content clause with a pronoun subject of its own, but with none of its own, continues the
    frame's sentence, whatever attachment the parser chose."""
    if not any(c.dep_ in SUBJECT_DEPS and c.pos_ == "PRON" for c in root.children):
        return set()
    return {t.i for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"
            and not any(g.dep_ in SUBJECT_DEPS for g in c.children) for t in c.subtree}


def _in_modifier_clause(tok: Token, root: Token) -> bool:
    """Acts in a clause that describes a participant ("nationals suspected of blowing up a
    plane") are background, not the content of the frame."""
    while tok != root and tok.head != tok:
        if tok.dep_ in ("relcl", "acl", "appos"):
            return True
        tok = tok.head
    return False


def _under_condition(tok: Token, stop: Token) -> bool:
    """Is the token in an 'if/unless/until' clause below ``stop`` (the condition, not the
    content: "would stay in the streets until officials met their demands")?"""
    while tok.head != tok and tok != stop:
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS | {"until", "till"} for c in tok.children):
            return True
        tok = tok.head
    return False


def _inside_other_frame(cand: Candidate, root: Token, by_token: dict[int, Candidate]) -> bool:
    """Is there another frame between the candidate and the content root it was found under?"""
    tok = cand.token
    while tok != root and tok.head != tok:
        tok = tok.head
        other = by_token.get(tok.i)
        if other is not None and other.frame and tok != root:
            return True
    return False


def resolve_frames(lex: Lexicon, candidates: list[Candidate]) -> None:
    for frame in sorted((c for c in candidates if c.frame), key=_frame_order):
        _resolve_frame(lex, frame)
        if frame.background:  # "an allegation that the NPFL had taken the city": neither the
            frame.consumed = True  # allegation nor the taking is an event


def _resolve_frame(lex: Lexicon, frame: Candidate) -> None:
    inner = [c for c in frame.embedded if c.code and not c.background]
    if frame.frame == "report":
        inner = [c for c in inner if not c.bare]  # a noun no verb makes happen is a topic, not an act
        for c in inner:
            c.speaker = c.speaker or frame.token
        said_something = (any(k.dep_ in ("ccomp", "xcomp") for k in content_roots(frame.token))
                          or any(k.dep_ == "parataxis" for k in frame.token.children))
        frame.code = "" if inner or not said_something else lex.derived_code("report", None)
        frame.consumed = bool(inner) or not said_something  # "announced measures" states nothing
        return
    main = min(inner, key=lambda c: _depth(c.token)) if inner else None
    if frame.token.pos_ == "AUX" and main is not None and main.frame:
        frame.consumed = True  # "will ask", "must warn": the inner frame is the event
        return
    if frame.target_hint == "content" and main is None:
        frame.consumed = True
        return
    frame.frame = _reframe(frame, main)
    frame.code = lex.derived_code(frame.frame, main.code if main else None)
    for c in inner:
        c.consumed = True
    if main is not None:
        frame.embedded = [main]
        frame.reciprocal = frame.frame in ("intent", "vow") and main.reciprocal
        if frame.token.pos_ == "AUX":  # "will meet": the subject is the verb's own
            frame.trigger_tokens = sorted({frame.token, frame.token.head}, key=lambda t: t.i)
            frame.anchor = frame.token.head


def _condition_clauses(tok: Token, marks: set[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)]


def _reframe(frame: Candidate, main: Candidate | None) -> str:
    """CAMEO reads stated intentions by what they intend: a hostile plan ("plans to impose
    restrictions", "would blockade Paris") is a threat, and a negated one ("will not accept
    refugees") a rejection."""
    if frame.frame != "intent" or main is None:
        return frame.frame
    if frame.token.pos_ == "AUX" and is_negated(frame.token.head):
        frame.negated_content = True
        return "reject"
    clause = frame.token.head if frame.token.pos_ == "AUX" else frame.token
    if _condition_clauses(clause, {"unless"}) or _condition_clauses(main.anchor, {"unless"}):
        return "threat"  # "will withdraw its force unless ...": an ultimatum
    return "intent" if main.code[:2] in COOPERATIVE_ROOTS else "threat"


def is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("det", "advmod")) for c in tok.children):
        return True
    return False


def is_unrealised(tok: Token) -> bool:
    """An infinitive or gerund of purpose or aim: "to help", "aimed at establishing"."""
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return not (tok.dep_ == "xcomp" and lemma_of(tok.head) in FACTUAL_CONTROL)
    return tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ in ("at", "for", "toward", "towards")


def is_hypothetical(tok: Token) -> bool:
    """A modal on the clause or a condition ('if', 'unless') on it or a clause above it."""
    if is_unrealised(tok):
        return True
    node = tok
    while True:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return True
        until = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("until", "till")
                                              for c in node.children)
        if until and _present(node):  # "until their demands are met": not met yet
            return True
        if (node.dep_ not in ("xcomp", "conj") and not until) or node.head == node:
            return False
        node = node.head  # "would stay until officials met their demands": as hypothetical


def _present(tok: Token) -> bool:
    verbs = [tok, *(c for c in tok.children if c.dep_ in ("aux", "auxpass"))]
    return any(v.tag_ in ("VBP", "VBZ") for v in verbs) and not any(v.tag_ == "VBD" for v in verbs)


def apply_modality(candidates: list[Candidate]) -> None:
    for c in candidates:
        c.negated = is_negated(c.anchor) or (c.anchor != c.token and is_negated(c.token))
        if c.negated_content:
            c.negated = False
        if not c.frame and not c.consumed:
            c.hypothetical = is_hypothetical(c.anchor)
        if c.frame in ("threat", "intent", "vow") or (c.frame == "tone" and c.code.startswith("13")):
            c.hypothetical = True  # the threat was made; what it threatens did not happen


def output_candidates(candidates: list[Candidate], keep_negated: bool) -> list[Candidate]:
    kept = [c for c in candidates if c.code and not c.consumed and not c.hypothetical or
            (c.frame and c.code and not c.consumed)]
    if not keep_negated:
        kept = [c for c in kept if not c.negated]
    # a quotation is kept as a Quote, not as a bare 010 statement
    statements = [c for c in kept if c.frame == "report" and not _has_quote_marks(c.token.sent)]
    others = [c for c in kept if c.frame != "report"]
    return others or statements[:1]


def _has_quote_marks(sent: SpacySpan) -> bool:
    return any(t.text in QUOTE_MARKS for t in sent)


def prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    by_prep, doc = prep_map(tok), tok.doc
    return [doc[i] for prep in preps for i in by_prep.get(prep, ())]


def prep_map(tok: Token) -> dict[str, list[int]]:
    """Preposition lemma -> the indices of its objects, for the token (computed once per token
    and call; plain data, so a Doc that keeps it by mistake still serialises)."""
    cache = tok.doc.user_data.setdefault("eventwire_preps", {})
    found = cache.get(tok.i)
    if found is None:
        found = {}
        # "kidnapped up to 16 advisers": the parser hangs "to" under the particle "up"
        for head in (tok, *(c for c in tok.children if c.dep_ == "prt")):
            for child in head.children:
                if child.dep_ == "prep":
                    found.setdefault(lemma_of(child), []).extend(
                        g.i for g in child.children if g.dep_ == "pobj")
        cache[tok.i] = found
    return found
