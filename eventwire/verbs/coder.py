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
4. *Actors*: source and target from the parse (subject/object, passive "by", prepositions,
   object control "urged X to ..."); compound actors give one event each, reciprocal acts
   (meetings, signings, clashes) one each way.
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
    source_from_place: bool = False  # no doer named: the state of the place stands in
    target_from_place: bool = False  # no one named as hit: the state of the place stands in
    role_targets: list[Actor] = field(default_factory=list)  # people of no named country
    background: bool = False  # a frame that reports no act of its own, but still holds its content
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)


def _lemma(tok: Token) -> str:
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
        if child.dep_ in NOT_COMPLEMENT:
            continue
        lemmas.update(_lemma(t) for t in child.subtree)
        lemmas.update(t.lower_ for t in child.subtree)
    return lemmas


def _condition_holds(cond: Condition, tok: Token) -> bool:
    key, values = cond.key, cond.values
    if key == "obj":
        return any(_lemma(o) in values or o.lower_ in values for o in objects(tok))
    if key == "adv":  # "sexually abused"
        return any(c.dep_ == "advmod" and _lemma(c) in values for c in tok.children)
    if key == "subj":  # "a grenade exploded"
        return any(_lemma(c) in values for c in tok.children if c.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
    if key == "notobj":  # "released a report", "a report released on Tuesday": no people
        described = [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" else []
        return not any(_lemma(o) in values or o.lower_ in values for o in objects(tok) + described)
    if key == "about":
        return bool(values & complement_lemmas(tok))
    if key == "prep":
        return any(c.dep_ in ("prep", "agent") and _lemma(c) in values for c in tok.children)
    if key == "prt":  # "forced them out of Papua": the parser may call "out" a preposition
        return any(_lemma(c) in values and (c.dep_ == "prt" or (
            c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children))) for c in tok.children)
    if key == "cond":  # "may halt mediation if cooperation founders": a condition on the clause
        clause = tok.head if tok.pos_ == "AUX" else tok
        return bool(_condition_clauses(clause, CONDITION_MARKS - {"whether"}))
    if key == "active":
        return not (tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN")
    if key == "noobj":
        return not objects(tok)
    if key == "xcomp":
        return any(c.dep_ == "xcomp" and (not values or _lemma(c) in values) for c in tok.children)
    if key == "ccomp":
        return any(c.dep_ == "ccomp" for c in tok.children)
    return True  # "content" is checked once the embedded acts are known


def best_act(lex: Lexicon, tok: Token) -> ActPattern | None:
    pos = PATTERN_POS.get(tok.pos_)
    if pos is None or pos == "AUX":
        return None
    patterns = lex.acts.get((_lemma(tok), pos)) or lex.acts.get((tok.lower_, pos)) or []
    for pattern in patterns:  # most specific first (sorted when the lexicon is loaded)
        if all(_condition_holds(c, tok) for c in pattern.conditions):
            return pattern
    return None


def frame_of(lex: Lexicon, tok: Token) -> FramePattern | None:
    pos = PATTERN_POS.get(tok.pos_)
    if pos is None:
        return None
    for pattern in lex.frames.get((_lemma(tok), pos), []):
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
        return _lemma(tok.head) not in DOCUMENT_NOUNS
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _is_protest(lex, tok.head):
        return True  # "demonstrated in Kirkuk calling for independence": what the protest wants
    return tok.dep_ in ("advcl", "pcomp") and is_unrealised(tok)


def _is_protest(lex: Lexicon, tok: Token) -> bool:
    return any(p.code.startswith("14") for p in lex.acts.get((_lemma(tok), "V"), []))


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
    lemma = _lemma(noun)
    return lemma in CARRIER_NOUNS or (lemma, "N") in lex.acts or (lemma, "N") in lex.frames


def _quantity(noun: Token) -> bool:
    """"5 million dollars", "700 kg", "$50,000 worth": an amount, whose "of" says of what."""
    return (noun.pos_ == "NUM" or _lemma(noun) in MEASURE_NOUNS | COLLECTION_NOUNS
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
    if noun.dep_ in OBJECT_DEPS and _lemma(head) in receiving and _givers(head):
        return head  # "faced criticism from Washington"
    if noun.dep_ == "pobj" and head.lower_ == "under" and _lemma(head.head) in receiving and _givers(head.head):
        return head.head  # "came under pressure from the EU"
    if noun.dep_ in OBJECT_DEPS | {"nsubjpass", "dative"} and _lemma(head) in lex.support.get("support", ()):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and _lemma(head.head) in lex.support.get("support", ()):
        return head.head  # "engaged in ethnic cleansing", "held talks during a visit to Beirut"
    if noun.dep_ in SUBJECT_DEPS and _lemma(head) in lex.support.get("occur", ()):
        return head
    if noun.dep_ == "expl" or (noun.dep_ == "attr" and _lemma(head) == "be"):
        return head  # "there were clashes"
    return None


def _givers(verb: Token) -> list[Token]:
    """Who gave what the verb's subject received: "from" of the verb, of its object, or of
    what it came under ("came under fire from rebels")."""
    held = objects(verb) + [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "under"
                            for g in p.children if g.dep_ == "pobj"]
    return _prep_objects(verb, ("from",)) + [g for o in held for g in _prep_objects(o, ("from",))]


def find_candidates(lex: Lexicon, sent: SpacySpan) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in sent:
        if tok.pos_ not in PATTERN_POS:
            continue  # punctuation, determiners, prepositions ... trigger nothing
        if tok.dep_ in MODIFIER_DEPS and tok.pos_ in ("VERB", "ADJ"):
            continue  # "alleged bombers", "Syrian-backed militia", "occupied territories"
        if tok.tag_ == "VBN" and any(c.dep_ == "det" for c in tok.children):
            continue  # "evacuated the wounded": a participle used as a noun
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and _lemma(tok.head) not in DOCUMENT_NOUNS:
            continue  # "police dispersed demonstrators protesting the results": who, not what
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _is_protest(lex, tok.head):
            continue  # "prisoners rioted, setting fire to mattresses": how the protest went
        if tok in result_clauses(tok.head) and _violence_root(lex, tok) in {_violence_root(lex, tok.head)} - {None}:
            continue  # "shelled the town, killing six": what the shelling did, not a second act
                      # (but "attacked the village, abducting two women" is a second act)
        frame = frame_of(lex, tok)
        if frame is not None:
            verb = licensing_verb(lex, tok) if tok.pos_ in ("NOUN", "PROPN") else None
            anchor = verb or tok  # "Germany issued a warning": the support verb gives the actors
            found.append(Candidate(tok, "", f"frame:{frame.frame}", anchor, [tok], frame=frame.frame,
                                   target_hint="content" if any(c.key == "content" for c in frame.conditions) else None,
                                   stative=is_stative(lex, tok),
                                   received=verb is not None and _lemma(verb) in lex.support.get("receive", ()),
                                   background=_background_frame(lex, tok)))
            continue
        pattern = best_act(lex, tok)
        if pattern is None:
            continue
        anchor, trigger = tok, [tok]
        if pattern.pos == "N":
            verb = licensing_verb(lex, tok)
            if verb is None:
                found.append(Candidate(tok, pattern.code, pattern.id, tok, [tok], consumed=True,
                                       reciprocal=pattern.reciprocal, target_hint=pattern.target))
                continue  # only usable as the content of a frame
            anchor, trigger = verb, sorted({verb, tok}, key=lambda t: t.i)
        received = anchor != tok and _lemma(anchor) in lex.support.get("receive", ())
        found.append(Candidate(tok, pattern.code, pattern.id, anchor, trigger,
                               reciprocal=pattern.reciprocal and not received, target_hint=pattern.target,
                               stative=is_stative(lex, anchor), received=received))
    return _drop_doubles(found)


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
    return (tok.tag_ == "VBN" and _lemma(tok) in lex.support.get("stative", ())
            and not any(c.dep_ == "agent" for c in tok.children)
            and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in tok.children))


def _drop_doubles(found: list[Candidate]) -> list[Candidate]:
    """One event per verb-noun pair: a verb coded in its own right wins over the noun it
    governs ("imposed sanctions"), an event noun over the occurrence verb it is the subject of
    ("a roadside bombing killed ...")."""
    subject_nouns = {c.anchor.i for c in found if c.anchor != c.token and c.token.dep_ in SUBJECT_DEPS}
    found = [c for c in found if not (c.anchor == c.token and c.token.i in subject_nouns)]
    coded_verbs = {c.token.i for c in found if c.token.pos_ == "VERB" and c.code}
    return [c for c in found if not (c.anchor != c.token and c.anchor.i in coded_verbs)]


def content_roots(frame_tok: Token, frame: str | None = None) -> list[Token]:
    """Where a frame's embedded act sits: clause complements, objects, 'of/for' phrases."""
    if frame_tok.pos_ == "AUX":
        return [frame_tok.head]
    roots = []
    for child in frame_tok.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CIRCUMSTANCE_MARKS for m in child.children):
            continue  # "vowed an inquiry after seven people were murdered": when, not what
        if (child.dep_ == "advcl" and child.tag_ == "VBG" and not any(m.dep_ == "mark" for m in child.children)
                and (_lemma(child) not in SAYING or frame in JUSTIFIED_FRAMES)):
            continue  # "urged Uganda to ..., accusing them of ...": a second act, not the content;
            # ", saying that ..." still says what a threat was, but only why a rejection was made
        if child.dep_ in ("xcomp", "ccomp", "dobj", "obj", "advcl", "acl", "attr", "oprd"):
            roots.append(child)
        elif child.dep_ == "relcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            roots.append(child)  # "a consensus to exchange intelligence": parsed as a relative
        elif child.dep_ == "prep" and _lemma(child) in CONTENT_PREPS:
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
            inner = [by_token[t.i] for t in root.subtree if t.i in by_token and t.i != frame.token.i
                     and t.i not in outside]
            inner = [c for c in inner if not _inside_other_frame(c, root, by_token)
                     and not _under_condition(c.token, frame.token)
                     and not _in_modifier_clause(c.token, root)]
            frame.embedded.extend(inner)


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
        for c in inner:
            c.speaker = c.speaker or frame.token
        said_something = any(k.dep_ in ("ccomp", "xcomp") for k in content_roots(frame.token))
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
        return not (tok.dep_ == "xcomp" and _lemma(tok.head) in FACTUAL_CONTROL)
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
        if c.frame in ("threat", "intent", "vow"):
            c.hypothetical = True


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


# ---- actors -----------------------------------------------------------------------------------

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
            return [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if child.dep_ == "agent":
            return [g for g in child.children if g.dep_ == "pobj"]
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
    if tok.dep_ == "acl" and _lemma(tok.head) in DOCUMENT_NOUNS and tok.head.head != tok.head:
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
    if tok.pos_ in ("NOUN", "PROPN"):
        return [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
    return []


RELATIVE_TAGS = {"WDT", "WP"}


def _passive_relative(tok: Token) -> bool:
    """A passive relative clause whose relative pronoun stands for the noun it describes."""
    return (tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ in PASSIVE_SUBJECT_DEPS and c.tag_ in RELATIVE_TAGS for c in tok.children))


def _has_object(tok: Token) -> bool:
    return any(c.dep_ in OBJECT_DEPS for v in (tok, *tok.conjuncts) for c in v.children)


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    by_prep, doc = _prep_map(tok), tok.doc
    return [doc[i] for prep in preps for i in by_prep.get(prep, ())]


def _prep_map(tok: Token) -> dict[str, list[int]]:
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
                    found.setdefault(_lemma(child), []).extend(
                        g.i for g in child.children if g.dep_ == "pobj")
        cache[tok.i] = found
    return found


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
    groups = [objs] + [_prep_objects(tok, (p,)) for p in preps]
    # an object's own partner: "boycott all contact with the United States"; a noun's "of"
    # object likewise: "the withdrawal of forces from Panama"
    object_preps = (named,) if named else TARGET_PREPS
    carriers = [c for c in tok.children if c.dep_ in OBJECT_DEPS | {"dative"}] if named else objs
    if tok.pos_ in ("NOUN", "PROPN"):
        carriers = carriers + _prep_objects(tok, ("of",))
    return groups + [[t for o in carriers for t in _prep_objects(o, (p,))] for p in object_preps]


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
        actors = [a for a in _actors(group, lookup) if a not in exclude and a.code not in excluded_codes]
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
                 and not (c.tag_ == "VBN" and _lemma(c) in PATRON_PARTICIPLES)]
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


def _actors(tokens: Iterable[Token], lookup: ActorLookup) -> list[Actor]:
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
    for doc_noun in (t for t in subjects if _lemma(t) in DOCUMENT_NOUNS):
        for clause in (k for k in doc_noun.children if k.dep_ == "acl" and k.tag_ == "VBN"):
            agents = [g for a in clause.children if a.dep_ == "agent" for g in a.children]
            found = _actors(agents, lookup)
            if found:
                return found
            here = _countries(_actors(_place_of(clause), lookup))
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
                     and (_lemma(g) in violence_nouns or _lemma(g) in WEAPON_NOUNS)):
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
                if obj.ent_type_ in ("GPE", "LOC") or _lemma(obj) in PLACE_NOUNS:
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
        c.sources = _actors(_governing_subject(content), lookup)
        c.targets = [a for a in _actors(subject_tokens(content), lookup) if a not in c.sources]
        if not c.targets:  # "issued a reminder to Iraq that it must ...": whom it was told to
            speech = _governing_verb(content)
            groups = target_groups(speech, None) if speech is not None else []
            c.targets = [a for a in _first_actors(groups, lookup, c.sources) if _named(a)]
        return
    if c.received:  # "Georgia received assurances from NATO": NATO assures Georgia
        c.sources = _actors(_givers(c.anchor), lookup)
        c.targets = [a for a in _actors(subject_tokens(c.anchor), lookup) if _named(a) and a not in c.sources]
        return
    subjects = ([t for t in c.anchor.children if t.dep_ in PASSIVE_SUBJECT_DEPS] if c.stative
                else subject_tokens(c.anchor))
    c.sources = _actors(subjects, lookup) or _document_issuer(subjects, lookup)
    if len(subjects) > 1 and not any(s in subjects[0].conjuncts for s in subjects[1:]):
        c.sources = _most_specific(c.sources)  # "the militant group al-Shabab" parsed as two
    if not c.sources and violence_nouns:
        c.sources = _actors(_attacker_of_passive(c.anchor, violence_nouns), lookup)
    if c.anchor != c.token:  # event noun: its own possessor/modifier, then the verb's subject
        c.sources = c.sources or _actors(subject_tokens(c.token), lookup)
    targets = _suspects(c, lookup) or _first_actors(target_groups(c.token, c.target_hint, c.reciprocal),
                                                    lookup, c.sources)
    if not targets and c.anchor != c.token:
        targets = _first_actors(target_groups(c.anchor, c.target_hint, c.reciprocal), lookup, c.sources)
    if not targets and c.frame in ("appeal", "demand"):  # "demanded that its partners refuse
        targets = [a for a in _actors(_clause_subjects(c.token), lookup)  # ...": the partners
                   if a not in c.sources]
    if not targets and c.embedded:
        inner = c.embedded[0]
        find_actors(inner, lookup)
        # "X claimed that Y attacked Z" accuses Y; other frames aim at whom the act aims at
        ordered = inner.sources + inner.targets if c.frame == "accuse" else inner.targets + inner.sources
        targets = [a for a in ordered if a not in c.sources][:1]
    if not targets and c.frame in ("appeal", "demand", "threat", "accuse", "reject"):
        targets = [a for a in _actors(_clause_subjects(c.token), lookup) if a not in c.sources]
    if not targets and c.frame in ("threat", "vow"):
        targets = [a for a in _actors(_condition_subjects(c.token), lookup) if a not in c.sources]
    if not targets and c.frame:  # "threatened to cut off electricity to Nakhichevan"
        roots = [r for r in content_roots(c.token) if r.pos_ == "VERB"]
        targets = [a for a in _actors([t for r in roots for t in target_tokens(r, None)], lookup)
                   if a not in c.sources]
    if not targets and c.code[:2] in ATTACK_ROOTS:  # "shelled the town, killing six soldiers"
        targets = _first_actors([objects(r) for r in result_clauses(c.anchor)], lookup, c.sources)
    if c.code[:2] == "15":  # "put its troops on alert", "deployed its army": own forces, no target
        targets = [a for a in targets if a.country not in _countries(c.sources)]
    c.targets = [a for a in targets if _named(a)]
    # "at thousands of protesters": nobody named yet, but the place may tell whose (place_country)
    c.role_targets = [a for a in targets if not _named(a) and a.role] if not c.targets else []


def own_claim(lex: Lexicon, c: Candidate) -> None:
    """"The rebels claimed they had bombed the airport": a claim that names the claimant as the
    doer accuses nobody; it claims responsibility (015), aimed at whom the act hit."""
    if c.frame != "accuse" or not c.embedded or not c.sources:
        return
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
    acts = [a for o in objects(c.token) for a in _prep_objects(o, ("for",))]
    clauses = [k for a in acts for k in a.children if k.dep_ == "acl"]  # "an attack targeting ..."
    hit = _first_actors([t for a in acts + clauses for t in target_groups(a, None)], lookup, c.sources)
    places = _countries(_actors([p for t in acts + clauses for p in _place_of(t, 3)], lookup))
    c.targets = [a for a in hit if _named(a)] or [Actor(name=p, code=p, country=p) for p in places[:1]]


def _suspects(c: Candidate, lookup: ActorLookup) -> list[Actor]:
    """An investigation or a condemnation of "crimes by X" is aimed at X, whoever the crimes hit
    (and even when X is of the investigator's own country)."""
    if c.frame or c.code[:2] not in ("09", "11"):
        return []
    doers = [g for o in objects(c.token) for p in o.children if p.dep_ == "prep" and p.lower_ == "by"
             for g in p.children if g.dep_ == "pobj"]
    return [a for a in _actors(doers, lookup) if a not in c.sources and _named(a)]


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
    """"began a hunger strike to protest against Sweden's decision": whom the purpose names."""
    clauses = [k for k in c.anchor.children if k.dep_ in ("advcl", "xcomp") and is_unrealised(k)]
    return [a for a in _actors([t for k in clauses for t in target_tokens(k, None)], lookup)
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
    if c.targets:
        return
    c.targets = _purpose_targets(c, lookup)  # "sent material to help defend Saudi Arabia"
    act = c.embedded[0] if c.frame in ("threat", "vow") and c.embedded else c  # "threatened to
    root = act.code[:2]                                                   # impose a curfew in X"
    abroad = act.code in VISIT_CODES or root == "15"  # visits and shows of force: the place only
    eased = act.code.startswith("081")  # "lifted a curfew in Montenegro": those under it
    if c.targets or (root not in DOMESTIC_ROOTS | VIOLENT_ROOTS and not abroad and not eased):
        return
    places = _actors(_place_of(act.anchor) + (_place_of(act.token) if act.anchor != act.token else []),
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
ATTACK_ROOTS = {"18", "19", "20"}
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
    countries = _countries(_actors([p for t in anchors for p in _place_of(t)], lookup))
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


def violent_protest(c: Candidate) -> None:
    """CAMEO codes violence done by protesters as a violent protest (145), and violence of a
    state's forces against protesters as violent repression (175)."""
    if c.frame or c.code[:2] not in RIOT_ROOTS:
        return
    armed = any(_lemma(o) in WEAPON_NOUNS | {"shell"} for o in objects(c.anchor))
    if not armed and any(_lemma(t) in PROTESTERS for t in subject_tokens(c.anchor)):
        c.code = "145"
    elif (c.code[:2] in ATTACK_ROOTS and c.sources
          and all(a.country and a.role in STATE_ROLES for a in c.sources)
          and any(_lemma(t) in PROTESTS for t in _target_heads(c))):
        c.code = "175"




def is_mishap(lex: Lexicon, c: Candidate) -> bool:
    """A death or destruction an accident or a disaster causes is no political event: "floods
    killed 30 people", "were killed in a car crash", "killed when a bus crashed". The words are
    ``mishap`` rows of ``support.csv``."""
    if c.frame or c.code[:2] not in ATTACK_ROOTS:
        return False
    mishaps = lex.support.get("mishap", set())
    tok = c.anchor
    causes = subject_tokens(tok)  # "an earthquake leveled villages, killing hundreds"
    causes += [g for p in tok.children if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by", "during", "after")
               for g in p.children if g.dep_ == "pobj"]
    # "... when a bus crashed", "... after an earthquake rocked the island"
    clauses = [k for v in (tok, *tok.conjuncts) for k in v.children if k.dep_ == "advcl"]
    causes += clauses + [s for k in clauses for s in k.children if s.dep_ in SUBJECT_DEPS]
    return any(_lemma(t) in mishaps and not _armed(t) for t in causes)


def _armed(noun: Token) -> bool:
    """"Israeli tank fire", "sniper fire": fire someone aimed, not a blaze."""
    return any(m.dep_ in ("amod", "compound", "poss") and (_lemma(m) in WEAPON_NOUNS or m.ent_type_ == "NORP")
               for m in noun.children)


def _target_heads(c: Candidate) -> list[Token]:
    """The nouns the act is aimed at: objects and the heads after "on/at/against"."""
    tok = c.anchor
    heads = [t for t in tok.children if t.dep_ in OBJECT_DEPS]
    heads += _prep_objects(tok, ("on", "at", "against", "upon", "into"))
    heads += [o for k in tok.children if k.dep_ in ("advcl", "xcomp") and is_unrealised(k)
              for o in k.children if o.dep_ in OBJECT_DEPS]  # "opened fire to disperse protesters"
    if c.token != c.anchor:
        heads += _prep_objects(c.token, ("on", "at", "against", "upon"))
    return heads + [g for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]  # "thousands of protesters"

