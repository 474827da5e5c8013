"""Finding place mentions in a Doc and the one where an event (a trigger token) happened.

Mentions: GPE/LOC/FAC entities, plus proper-noun names the parse puts in a place slot
("the Obolon district", "the town of Irpin", "clashes in Marinka") whatever NER called them:
small places are often tagged PERSON, and extraction must not depend on the gazetteer.

Attachment: a mention is the event's location when its path up the parse reaches the trigger
through a locative preposition ("killed in X", "outside the X headquarters") or as the object of
the trigger ("shelled the village of X"); failing that, a mention attached the same way to a
verb of the trigger's clause (its conjuncts, adverbial clauses, the verb it modifies — not the
verb of saying a complement clause hangs from); failing that, a locative mention elsewhere in the
sentence. Subjects, possessors ("Kenya's tribes") and modifiers of non-place nouns ("a Serbia
war crimes suspect") are never locations.

A direct object (or a passive subject) is a place only after a capture or movement verb
(``movement_verbs`` in data/rules.json: "captured Kabul", "Sevastopol was captured"); the object
of any other verb is an actor or a topic ("warned Russia"). Not places either: the source of an
attribution ("according to officials in X"), owners ("the house of <person>", "a NATO base"),
nationality adjectives ("the Ukrainian port"), a name whose appositive is a person noun.

Ranking: the best tier, then the innermost place — a place that surrounds another candidate
("Kramatorsk in Donetsk region", "Mekelle, the capital of Tigray", "Kyiv's district of X") is
dropped — then the finer precision (an unknown name ranks as a village unless its noun or NER
says region), then the nearer attachment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.places.gazetteer import known_place, resolve_place
from eventwire.places.rules import PlaceRules, load_rules

_VERB_POS = {"VERB", "AUX"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent", "expl"}
_OBJECT_DEPS = {"dobj", "obj"}
_CLAUSE_DEPS = {"conj", "advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp", "parataxis"}
# A trigger in a complement clause ("officials in X said [troops killed ...]") does not share
# the place of the verb it complements: that is where the saying or thinking happened.
_COMPLEMENT_DEPS = {"ccomp", "parataxis"}
# Edges that put one place inside another's phrase: "Mekelle, the capital of Tigray",
# "a farm in X", "Bucha, 25 kilometers northwest of Kyiv"
_NESTING_DEPS = {"prep", "appos", "npadvmod", "advmod", "acl"}
# Two names in one phrase, innermost first: "[Ukraine]'s [Donetsk] region" ->
# the "of" name, then the name before the noun, then the possessor or adjective.
_PHRASE_ORDER = {"pobj": 1, "compound": 2, "nmod": 2, "poss": 3, "amod": 3}
_DASHES = {"--", "—", "–", "-"}
_CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())
_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_WEAK_EXCLUDED = frozenset({"by", "to", "over", "on", "between", "among", "under"})
# Tiers of attachment, best first; locate() accepts only the tiers in ACCEPTED_TIERS.
TRIGGER, CLAUSE, SUBTREE, SENTENCE = 4, 3, 2, 1
ACCEPTED_TIERS = (TRIGGER, CLAUSE, SUBTREE, SENTENCE)


@dataclass(frozen=True)
class Attachment:
    governor: Token | None  # the verb the mention hangs from
    locative: bool  # a locative preposition (or a place-noun chain) on the way up
    is_object: bool  # the mention is (in) the governor's direct object
    in_subject: bool  # the mention sits inside the governor's subject ("residents in Kharkiv")
    depth: int  # hops from the mention up to the governor: the nearer, the more specific
    passive: bool = False  # the object is the subject of a passive verb
    destination: bool = False  # reached through "to"/"into": where a movement ended


def place_mentions(doc: Doc, rules: PlaceRules | None = None,
                   known: Callable[[str], bool] | None = None) -> list[Span]:
    """Place mentions in reading order, without overlaps.

    ``known`` says whether the gazetteer knows a name: it lets a name NER mislabelled (a city
    tagged NORP or ORG) count when it stands after a locative preposition.
    """
    rules = rules or load_rules()
    spans = [_trim(e) for e in doc.ents if e.label_ in rules.place_labels]
    taken = {t.i for s in spans for t in s}
    span = None
    for token in doc:
        if token.i in taken or not _is_name(token):
            continue
        # the tokens of one entity share its span: compute it once
        if not (token.ent_iob_ == "I" and span is not None and span.start <= token.i < span.end):
            span = _name_span(token)
        if any(t.i in taken for t in span) or not _slot_accepts(token, span, rules, known):
            continue
        spans.append(span)
        taken.update(t.i for t in span)
    # a place name has a capital somewhere: "the eastern coast" is a description, not a name
    named = [s for s in spans if len(s) and any(t.text[:1].isupper() for t in s)]
    return sorted(named, key=lambda s: s.start)


def _is_name(token: Token) -> bool:
    if token.lower_ in _CALENDAR_WORDS:
        return False  # "in March": NER does not always tag a bare month
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and token.pos_ == "NOUN")


def _slot_accepts(token: Token, span: Span, rules: PlaceRules,
                  known: Callable[[str], bool] | None) -> bool:
    slot = _place_slot(token, rules)
    if slot == "strong":  # "the X district", "the town of X": the syntax says it is a place
        noun = token.head.head if token.dep_ == "pobj" else token.head
        if token.ent_type_ in {"PERSON", "ORG"} and token.dep_ == "pobj":
            # "the town of X", "the island of X"; but "the house of <person>" is an owner
            return noun.lemma_.lower() not in rules.owned_nouns
        if token.ent_type_ == "ORG":  # "the Podil neighbourhood" but not "the UN headquarters"
            return noun.lemma_.lower() in rules.region_nouns | rules.city_nouns
        if token.ent_type_ == "NORP":  # "the Ukrainian port": a nationality adjective
            return bool(known and known(span.text))
        return token.ent_type_ not in _NUMERIC_LABELS
    if slot == "weak" and token.pos_ == "PROPN":  # "in X": a place unless NER says otherwise
        return token.ent_type_ not in rules.non_place_labels or bool(known and known(span.text)) \
            or (token.ent_type_ == "ORG" and placelike(span, rules))  # "in the Bekaa Valley"
    if slot == "known" and token.pos_ == "PROPN" and token.ent_type_ in {"", "PERSON", "ORG"}:
        return bool(known and known(span.text)) or (token.dep_ == "dobj" and placelike(span, rules))
    return False


def placelike(span: Span, rules: PlaceRules) -> bool:
    """Whether a name NER did not call a place reads as one from its own words or phrase.

    "Maidan Square" (ends in a place noun), "Mekelle, the capital of ..." (a place noun in
    apposition), "Kramatorsk in Donetsk region" (another place locates it).
    """
    if span[-1].text[:1].isupper() and _is_place_noun(span[-1], rules) and len(span) > 1:
        return True
    for child in span.root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _is_place_noun(child, rules)
        if child.dep_ == "prep" and child.lower_ in rules.locative_prepositions:
            if any(c.ent_type_ in rules.place_labels for c in child.children if c.dep_ == "pobj"):
                return True
    return False


def _actor_appositive(span: Span, rules: PlaceRules) -> bool:
    """"John Smith, the group's top coordinator": a common noun in apposition that is not a
    place (nor a distance, "60 kilometers north of X") says the name is a person or group."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not _is_place_noun(child, rules):
            return not any(c.dep_ == "nummod" for c in child.children)
    return False


def _is_acronym(span: Span) -> bool:
    letters = span.text.replace(".", "")
    return len(span) == 1 and 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _trim(span: Span) -> Span:
    """Drop a leading article and a trailing possessive: 'the Donbas's' -> 'Donbas'."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"the", "a"}:
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(span.doc, start, end, label=span.label_)


def _name_span(token: Token) -> Span:
    """The whole name a proper noun belongs to: its NER entity, else its run of proper nouns."""
    doc = token.doc
    if token.ent_iob_ != "O":  # walk the IOB tags: building doc.ents per token is costly
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return _trim(Span(doc, start, end, label=token.ent_type_))
    start = end = token.i
    while start > 0 and _is_name(doc[start - 1]) and doc[start - 1].ent_iob_ == "O" \
            and doc[start - 1].head.i == token.i:
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and doc[end + 1].ent_iob_ == "O":
        end += 1
    return doc[start:end + 1]


def _place_slot(token: Token, rules: PlaceRules) -> str | None:
    """'strong' when the syntax puts a name where only a place goes, 'weak' after 'in'/'near'."""
    head = token.head
    if token.dep_ in {"compound", "nmod", "amod"} and _is_place_noun(head, rules):
        return "strong" if head.i > token.i else None  # "the Obolon district"
    if token.dep_ in {"dobj", "poss", "compound"}:
        return "known"  # "captured Kherson", "Kharkiv's streets": only names the gazetteer knows
    if token.dep_ in {"conj", "appos"}:
        return _place_slot(head, rules) if _is_name(head) else None  # "X and Y", "X (Y)"
    if token.dep_ != "pobj":
        return None
    prep = head.lower_
    if prep == "of":
        return "strong" if _is_place_noun(head.head, rules) else None  # "the town of Irpin"
    # "by", "to", "over", "on" too often take people, dates or topics
    return "weak" if prep in rules.locative_prepositions - _WEAK_EXCLUDED else None


def _is_place_noun(token: Token, rules: PlaceRules, events: bool = False) -> bool:
    """A noun a place name can modify: "district", "headquarters" (and, with ``events``, nouns
    for happenings that a place name locates: "the Bakhmut operation", "Syria's conflict")."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    words = rules.place_nouns | rules.event_nouns if events else rules.place_nouns
    if token.lower_ in words or token.lemma_.lower() in words:
        return True
    # "the Hmeimim air base": a compound chain ending in a place noun
    return token.dep_ == "compound" and _is_place_noun(token.head, rules, events)


def attachment(span: Span, rules: PlaceRules) -> Attachment | None:
    """How a mention hangs from the nearest verb above it; None when it cannot be a location."""
    token = span.root
    if _is_excluded(token, rules):
        return None
    locative = is_object = in_subject = passive = destination = False
    depth = 0
    while token.head.i != token.i and token.pos_ not in _VERB_POS:
        if token.lower_ in rules.attribution_words:
            return None  # "according to officials in X": where the source is
        if _passive_object(token, rules) and not locative:
            is_object = passive = True  # "Aleppo's streets are patrolled": the object, passive
        elif token.dep_ in _SUBJECT_DEPS:
            if not locative:
                return None  # the subject itself: an actor or a topic, not where things happened
            in_subject = True
        if token.dep_ == "prep" and token.lower_ in rules.locative_prepositions:
            locative = True
            destination = destination or token.lower_ in rules.destination_prepositions
        if token.dep_ == "prep" and token.lower_ == "of" and _is_place_noun(token.head, rules):
            locative = True  # "the outskirts of X", "west of X"
        if token.dep_ in _OBJECT_DEPS:
            is_object = True
        token = token.head
        depth += 1
    governor = token if token.pos_ in _VERB_POS else None
    if governor is not None and governor.lower_ in rules.attribution_words:
        return None  # "according" parsed as a verb
    return Attachment(governor, locative, is_object, in_subject, depth, passive, destination)


def _passive_object(token: Token, rules: PlaceRules) -> bool:
    """The passive subject of a capture or movement verb: "Sevastopol was captured"."""
    return token.dep_ == "nsubjpass" and token.head.lemma_.lower() in rules.movement_verbs


def _is_excluded(root: Token, rules: PlaceRules) -> bool:
    if root.dep_ == "compound" and root.head.ent_type_ in _NUMERIC_LABELS:
        return False  # a parse slip: "captured Kabul September 27" hangs Kabul on the date
    modifier = root.dep_ in {"poss", "compound", "amod", "nmod"}
    if modifier and _is_acronym(root.doc[root.i:root.i + 1]) and not _is_country(root):
        return True  # "a NATO base", "the UN's headquarters": an organisation owns it
    if modifier or any(c.tag_ == "POS" for c in root.children):
        # "Kharkiv's streets", "the Bakhmut operation" place things; "Kenya's largest tribes",
        # "a Serbia war crimes suspect" do not
        if not _is_place_noun(root.head, rules, events=True):
            return True
        # "a U.S. airstrike", "the Israeli operation": a country before an event noun is who
        # acted; a city or region there ("the Bakhmut operation") is where
        return root.dep_ != "poss" and not _is_place_noun(root.head, rules) and _is_country(root)
    if root.dep_ in _SUBJECT_DEPS and not _passive_object(root, rules):
        return True
    nxt = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    # a dateline inside the sentence ("MEXICO CITY -- ..."): the article's place, not the event's
    return root.i == root.sent.start and nxt is not None and nxt.text in _DASHES


def _is_country(token: Token) -> bool:
    found = resolve_place(_name_span(token).text)
    return found is not None and found.precision == "country"


def _clause_verbs(trigger: Token) -> set[int]:
    """Verbs that share the trigger's clause: conjuncts, adverbial clauses, the head it hangs on."""
    verbs = {trigger.i}
    for child in trigger.children:
        if child.dep_ in _CLAUSE_DEPS and child.pos_ in _VERB_POS:
            verbs.add(child.i)
    if trigger.dep_ in _CLAUSE_DEPS - _COMPLEMENT_DEPS and trigger.head.pos_ in _VERB_POS:
        verbs.add(trigger.head.i)
        verbs.update(c.i for c in trigger.head.children if c.dep_ == "conj")
    return verbs


def tier(span: Span, trigger: Token, rules: PlaceRules) -> int:
    """0 (not this event's place) .. TRIGGER (attached to the trigger itself)."""
    how = attachment(span, rules)
    if how is None or how.governor is None:
        return 0
    if how.is_object and not how.locative \
            and not _object_is_place(span, how.governor, rules, how.passive):
        return 0
    if not (how.locative or how.is_object):
        return 0
    if how.governor.i == trigger.i:
        return CLAUSE if how.in_subject else TRIGGER
    if how.governor.i in _clause_verbs(trigger) and not how.in_subject:
        # "was captured and sent to X": a later step of a sequence ended in X
        sequel = how.governor.dep_ == "conj" and how.governor.head.i == trigger.i
        return 0 if how.destination and sequel else CLAUSE
    if how.locative and trigger in how.governor.ancestors and _specificity(span, rules) >= 2:
        # a town or village in a clause hanging off the event's arguments ("soldiers who were
        # waiting in X"); a country or region that far away is background, not the place
        return SUBTREE
    if how.locative and _fronted(span, how.governor):
        return SENTENCE  # "In Gaza, ..." sets the scene for the whole sentence
    return 0


def _object_is_place(span: Span, governor: Token, rules: PlaceRules, passive: bool = False) -> bool:
    """A bare direct object is the place only after a verb of capture or movement ("captured
    Kabul", "patrolled Maidan Square"); "warned Russia" names an actor. The object must read as
    a place: NER says so or its own words do, and no appositive calls it a person. A passive
    subject opens the sentence, where NER most often mistakes a person for a GPE ("Smith was
    captured"): there a GPE label needs the gazetteer's word too."""
    if governor.lemma_.lower() not in rules.movement_verbs or _actor_appositive(span, rules):
        return False
    trusted = rules.place_labels - {"GPE"} if passive else rules.place_labels
    return span.label_ in trusted or placelike(span, rules) \
        or _place_slot(span.root, rules) == "strong" or known_place(span.text)


def _fronted(span: Span, governor: Token) -> bool:
    """The mention's phrase opens the sentence, before its verb: a scene-setting adverbial."""
    first = span.root
    while first.head.i != governor.i and first.head.i != first.i:
        first = first.head
    return first.i == span.sent.start and first.dep_ == "prep"


# A name the gazetteer lacks, in a place slot, is most often a village or a neighbourhood.
_SPECIFICITY = {"country": 0, "region": 1, "city": 2, "unresolved": 3}


def gazetteer_name(span: Span, rules: PlaceRules) -> tuple[str, str | None]:
    """The name to look up and the precision the text suggests: "Homs province" -> ("Homs",
    "region"), "the town of Irpin" -> ("Irpin", "city")."""
    doc = span.doc
    words = list(span)
    if len(words) > 1 and words[-1].lower_ in rules.region_nouns | rules.city_nouns:
        prefer = "region" if words[-1].lower_ in rules.region_nouns else "city"
        return doc[span.start:span.end - 1].text, prefer
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 2].lower_ if span.start >= 2 and doc[span.start - 1].lower_ == "of" \
        else ""
    if after in rules.region_nouns or before in rules.region_nouns:
        return span.text, "region"
    if after in rules.city_nouns or before in rules.city_nouns:
        return span.text, "city"
    return span.text, None


def _specificity(span: Span, rules: PlaceRules) -> int:
    """Finer places first: a named village or city over the region or country around it."""
    location = span._.location if span.has_extension("location") else None
    name, prefer = gazetteer_name(span, rules)
    if location is None:
        location = resolve_place(name, (), prefer)
    precision = location.precision if location else "unresolved"
    if precision == "unresolved" and (prefer == "region" or (span.label_ == "LOC" and not prefer)):
        # "Donetsk region" is a region even when the gazetteer lacks it; so is what NER calls a
        # non-political location ("the Middle East", "the Bekaa Valley")
        precision = "region"
    return _SPECIFICITY.get(precision, 3)


def _anchor(span: Span, rules: PlaceRules) -> Token:
    """The noun a place name's phrase is built on: "the X villages" -> villages, "the town of
    Irpin" -> town, "Ukraine's war" -> war; the name's own root otherwise."""
    token = span.root
    while token.head.i != token.i:
        head = token.head
        if token.dep_ in {"compound", "nmod", "amod", "poss"} and head.pos_ in {"NOUN", "PROPN"}:
            token = head
        elif token.dep_ == "pobj" and head.lower_ == "of" and _is_place_noun(head.head, rules):
            token = head.head
        else:
            break
    return token


def surrounds(outer: Span, inner: Span, rules: PlaceRules) -> bool:
    """Whether ``outer`` names the surroundings of ``inner``: "Kramatorsk in [Donetsk] region",
    "Mekelle, the capital of [Tigray]", "Bucha, northwest of [Kyiv]", "[Ukraine]'s city of
    Odesa". ``outer`` hangs from ``inner``'s phrase, or precedes it in one phrase."""
    target = _anchor(inner, rules)
    token, nested = _anchor(outer, rules), False
    if token.i == target.i:  # one phrase: the possessor or modifier is the wider place
        return _PHRASE_ORDER.get(outer.root.dep_, 0) > _PHRASE_ORDER.get(inner.root.dep_, 0)
    while token.head.i != token.i and token.pos_ not in _VERB_POS:
        nested = nested or token.dep_ in _NESTING_DEPS
        token = token.head
        if token.i == target.i or inner.start <= token.i < inner.end:
            return nested
    return False


def _rank(span: Span, level: int, trigger: Token, rules: PlaceRules) -> tuple[int, ...]:
    how = attachment(span, rules)
    depth = how.depth if how else 99
    return (level, _specificity(span, rules), -depth, -abs(span.root.i - trigger.i))


def locate(doc: Doc, trigger_index: int, mentions: Iterable[Span] | None = None,
           rules: PlaceRules | None = None) -> Span | None:
    """The mention naming where the event anchored at token ``trigger_index`` happened, or None.

    ``mentions`` defaults to ``doc.spans["eventwire_places"]`` when the places component ran,
    else to :func:`place_mentions`.
    """
    rules = rules or load_rules()
    trigger = doc[trigger_index]
    if mentions is None:
        mentions = doc.spans["eventwire_places"] if "eventwire_places" in doc.spans \
            else place_mentions(doc, rules, known_place)
    sent = trigger.sent
    scored = []
    for span in mentions:
        if span.start < sent.start or span.end > sent.end:
            continue
        level = tier(span, trigger, rules)
        if level in ACCEPTED_TIERS:
            scored.append((_rank(span, level, trigger, rules), span))
    # the innermost place wins: "captured Kramatorsk in Donetsk region" happened in Kramatorsk
    spans = [span for _, span in scored]
    scored = [(rank, span) for rank, span in scored
              if not any(other is not span and surrounds(span, other, rules) for other in spans)]
    if not scored:
        return None
    return max(scored, key=lambda item: item[0])[1]
