"""How the coder reads frames, background clauses and targets no one names (sentences written for
these tests; see the README's "Coding conventions")."""

from __future__ import annotations

import pytest

from eventwire.model import Actor, Event


def country(actor: Actor | None) -> str | None:
    return actor.code[:3] if actor is not None and actor.code else None


def dyads(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [(e.cameo, country(e.source), country(e.target)) for e in events]


@pytest.mark.parametrize(
    ("text", "root", "source", "target"),
    [
        # working to deepen a partnership in trade is an intention to cooperate economically
        ("Kenya and Japan are seeking to deepen their partnership in trade.", "03", "KEN", "JPN"),
        # a conditional hostile plan is a threat; so is a plan with an ultimatum ("unless")
        ("The EU may halt its mediation if the fighting continues.", "13", "IGO", None),
        ("Kenya will withdraw its troops from Somalia unless the government pays them.", "13", "KEN", None),
        # a demand restated, or insisted on, is a demand on the clause's subject
        ("The UN reiterated its demand that Israel lift the blockade.", "10", "IGO", "ISR"),
        ("The rebels insisted on their demand that Ethiopia release the prisoners.", "10", None, "ETH"),
        # ", saying that ..." says what the warning was (but only why a rejection was made)
        ("Blinken warned Russia on Wednesday, saying Washington would impose sanctions if Russian "
         "forces invaded Ukraine.", "13", "USA", "RUS"),
        # "will ask" is the asking, not an intention
        ("Russia will ask China to lend it money.", "02", "RUS", "CHN"),
        # a participle after the appeal is a second act of the same speaker
        ("Kenya urged Uganda to close the border, accusing it of harbouring rebels.", "02", "KEN", "UGA"),
        # a stated hostile plan is a threat; a negated intention a rejection
        ("Turkey plans to impose restrictions on Greek ships.", "13", "TUR", None),
        ("Poland said it would not accept more migrants from Belarus.", "12", "POL", None),
        # readiness adjectives are intentions of the copula's subject
        ("Norway is willing to send food aid to Sudan.", "03", "NOR", None),
        # "X said Y must ..." is X's demand on Y
        ("France said Iran must release the detained sailors.", "10", "FRA", "IRN"),
        # "X claimed that Y attacked" accuses Y
        ("Armenia claimed that Azerbaijan had attacked its border posts.", "11", "ARM", "AZE"),
        ("France claimed that Russia had attacked Ukraine.", "11", "FRA", "RUS"),  # the accused
    ],
)
def test_frames_are_read_by_what_they_carry(events_of, text, root, source, target) -> None:
    events = events_of(text)
    assert events, text
    first = events[0]
    assert (first.root, country(first.source)) == (root, source)
    if target is not None:
        assert country(first.target) == target


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Protesters blocked roads in Lagos to demand lower fuel prices.", "10"),  # purpose clause
        ("The alleged bombers were held in Cairo.", "11"),  # 'alleged' modifies a noun
        ("Police dispersed students protesting the ruling.", "14"),  # the participle says who
        ("Militiamen armed with machetes attacked the camp.", "07"),  # armed: a description
        # what protesters call for is the protest's aim, not an appeal of its own
        ("Thousands of Kurds demonstrated in Erbil calling for independence.", "02"),
        # "until their demands are met": not met yet
        ("The strikers said they would stay out until their demands are met.", "08"),
        # a noun compounded with a people noun names no event ("invasion forces")
        ("Britain speeded up the pullout of its garrison troops from Basra.", "19"),
        ("A helicopter carrying EU truce monitors landed in Tbilisi.", "08"),
        # what an allegation says happened is not an event that happened
        ("The panel examined an allegation that rebels had seized the town of Gbarnga.", "19"),
        # deaths in accidents and disasters are no political event
        ("Forty people were killed after a powerful quake shook central Chile.", "19"),
        ("Nine passengers were killed when their light aircraft crashed in the Andes.", "19"),
        ("Two hikers were killed and eleven hurt when the volcano on the island erupted.", "19"),
        ("A lorry accident on the motorway killed three people in Bavaria.", "19"),
        ("Floods killed 30 people in Bangladesh.", "19"),
        ("Eight passengers were killed when their minibus overturned near Quetta.", "19"),
    ],
)
def test_background_clauses_give_no_events_of_their_own(events_of, text: str, absent: str) -> None:
    assert absent not in [e.root for e in events_of(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a protest with no named target is aimed at the state where it happens
        ("Thousands of Kenyan students demonstrated in Nairobi on Tuesday.", ("141", "KEN", "KEN")),
        # a threat's target is the subject of its condition
        ("Iran threatened to close the strait unless Britain released the tanker.", (None, "IRN", "GBR")),
        # an attack with no named target hits the state of the place
        ("Rebel fighters fired rockets at army posts in Goma.", (None, None, "COD")),
        # 'with' is an instrument outside reciprocal acts, a partner inside them
        ("Russia threatened Ukraine with military action.", (None, "RUS", "UKR")),
        ("Armenia clashed with Azerbaijan near the border.", ("190", "ARM", "AZE")),
    ],
)
def test_targets_no_one_names(events_of, text: str, expected: tuple) -> None:
    code, source, target = expected
    first = dyads(events_of(text))[0]
    assert first[2] == target
    if source is not None:
        assert first[1] == source
    if code is not None:
        assert first[0] == code


def test_a_compound_subject_meets_each_way(events_of) -> None:
    events = events_of("Emmanuel Macron and Olaf Scholz will meet in Geneva to discuss energy.")
    assert {(country(e.source), country(e.target)) for e in events} == {("FRA", "DEU"), ("DEU", "FRA")}


def test_people_of_no_known_country_are_still_the_target(events_of) -> None:
    event = events_of("The detained civilians were released by Putin on Friday.")[0]
    assert (event.cameo, event.source.code, event.target.role) == ("0841", "RUSGOV", "CVL")


def test_protesters_with_missiles_are_no_riot(events_of) -> None:
    assert "145" not in [e.cameo for e in events_of("Georgian demonstrators launched missiles at the government.")]


def test_one_target_phrase_not_every_phrase(events_of) -> None:
    events = events_of("Blinken will meet Lavrov on the sidelines of an OSCE meeting in Stockholm.")
    assert {country(e.target) for e in events} == {"RUS", "USA"}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # a people with no country acts as part of the place's country
        ("Hundreds of ethnic Hungarians demonstrated in Romania on Sunday.", "ROU", "ROU"),
        ("Prisoners rioted inside a prison in Kampala on Friday.", "UGA", "UGA"),
        # an attack no one is named for is coded to the state where it happened
        ("A car bomb near the town of Kirkuk killed three Turkish soldiers.", "IRQ", "TUR"),
        # an official act with no named doer: the state of the place
        ("A Canadian journalist was detained in Egypt on Monday.", "EGY", "CAN"),
        ("A bomb exploded near the town of Kandahar, killing two Canadian soldiers.", "AFG", "CAN"),
        # coercion at home: the group coerced is of the coercer's country
        ("Kenyan police dispersed a march by students at Egerton University.", "KEN", "KEN"),
        # the addressee of "a warning to X that it must ..."
        ("Germany issued a warning to Belarus that it must stop the flights.", "DEU", "BLR"),
        # "up to 20": the parser's particle does not hide the object
        ("Rebels kidnapped up to 20 Chinese workers in Sudan.", "SDN", "CHN"),
        # what the noun names was done by someone: "crimes committed by ..."
        ("Kosovo opened an inquiry into killings committed by Serbian paramilitaries.", "XKX", "SRB"),
        # a document speaks for whoever released it, or for the state where it was released
        ("A report released by Britain on Monday accused Iran of hacking.", "GBR", "IRN"),
        ("A report released in Nairobi on Monday accused Uganda of smuggling.", "KEN", "UGA"),
        # a bare participle joined to a passive is passive: its subject is the patient
        ("Ten officers were injured and 200 people detained in Minsk.", "BLR", "BLR"),
        # an investigation of crimes by X is aimed at X, even at home
        ("Serbia is investigating abuses by Serbian police officers against Roma families.", "SRB", "SRB"),
        # a clause of when or why is no content of the frame: the killing happened
        ("Kenya's president promised an inquiry after gunmen killed four traders in Mandera.", "KEN", "KEN"),
        # the weapon's owner attacked: "killed in Israeli tank fire"
        ("A shepherd was killed in Israeli tank fire in Gaza.", "ISR", "PSE"),
        # a participle stating a stance: its grammatical passive subject acts
        ("Japan is opposed to Chinese drilling in the disputed waters.", "JPN", "CHN"),
        ("Iran is determined to attack Israel.", "IRN", "ISR"),
        # "its partners" are not "it"; a demand is addressed to its clause's subject
        ("Hungary demanded that its European Union partners reject the plan.", "HUN", "IGO"),
        # a participle with an object is active ("Doctors ... delivered medicine")
        ("Doctors from two Swiss charities delivered 20 tons of medicine to Gaza.", "CHE", "PSE"),
        # the subject of "responded by firing" fired
        ("Hamas responded by firing rockets at Israel.", "PSE", "ISR"),
        # a relative clause with its own subject: the noun it describes is its object
        ("Kenya freed the Somali fishermen it had detained last year.", "KEN", "SOM"),
        ("Mali expelled the French ambassador whom it accused of interference.", "MLI", "FRA"),
        # "it" as a subject prefers the subject of the clause above it to a nearer object
        ("Canada imposed sanctions on Iran, freezing the assets of firms it accuses of aiding Russia.",
         "CAN", None),
        # "used water cannon to disperse ...": the police disperse, the cannon is an instrument
        ("Police used water cannon to disperse demonstrators in Tbilisi.", "GEO", "GEO"),
        # forces of no named country coercing people in a named place are that place's
        ("Security forces fired tear gas at students in Nairobi.", "KEN", "KEN"),
        # what an act's noun is said to target is its target
        ("Canada announced new sanctions targeting Russian banks.", "CAN", "RUS"),
        ("Israel carried out strikes targeting Hezbollah positions in Lebanon.", "ISR", "LBN"),
        # a passive relative clause: its noun is who was acted on
        ("A Danish aid worker who had been abducted by gunmen was freed by Ethiopia.", "ETH", "DNK"),
        # receiving, facing or drawing an act "from" someone: the giver acts on the receiver
        ("Moldova received military equipment and weapons from Romania.", "ROU", "MDA"),
        ("Tunisia got humanitarian aid from Algeria after the floods.", "DZA", "TUN"),
        ("Ecuador's government faced fierce criticism from Colombia.", "COL", "ECU"),
        ("Turkish outposts came under attack from Kurdish militants in Iraq.", "IRQ", "TUR"),
        ("Serbia is facing mounting pressure from the EU to recognise Kosovo.", "IGO", "SRB"),
        ("Japan increased pressure on North Korea over the missile tests.", "JPN", "PRK"),
        # "..., killing six": what the shelling did, and to whom
        ("Turkish artillery shelled a hillside, killing six Syrian soldiers.", "TUR", "SYR"),
    ],
)
def test_who_acts_where_no_subject_says_it_plainly(events_of, text: str, source: str, target: str) -> None:
    assert (source, target) in [(s, t) for _, s, t in dyads(events_of(text))]


@pytest.mark.parametrize(
    ("text", "code", "source", "target"),
    [
        # a claim that the claimant did it claims responsibility, aimed at whom the act hit
        ("The Taliban claimed that they had attacked a Pakistani army post.", "015", "AFG", "PAK"),
        ("Hezbollah claimed it fired rockets at Israel.", "015", "LBN", "ISR"),
        # a claim of responsibility is aimed at whom the act hit, else where it happened
        ("The Pakistani Taliban claimed responsibility for a suicide attack on Afghan police.",
         "015", "PAK", "AFG"),
        ("Boko Haram claimed responsibility for a bombing at a market in Maiduguri.", "015", "NGA", "NGA"),
        # a claim that someone else did it still accuses them
        ("Israel claimed Hezbollah had fired rockets at Haifa.", "1123", "ISR", "LBN"),
        # accusing someone "of" an act is no claim of one's own
        ("Serbia accused Croatia of shelling its villages.", "1123", "SRB", "HRV"),
        # air strikes are aerial weapons (195) whatever verb carries them
        ("Nigerian jets carried out air strikes on Boko Haram camps.", "195", "NGA", "NGA"),
        ("A Saudi air strike killed eight Yemeni soldiers.", "195", "SAU", "YEM"),
        # assurances are an intention to cooperate, given by whoever gives them
        ("Armenia received assurances from France.", "030", "FRA", "ARM"),
    ],
)
def test_codes_follow_who_claims_gives_and_strikes(events_of, text: str, code: str, source: str,
                                                   target: str) -> None:
    assert (code, source, target) in dyads(events_of(text))


def test_the_result_of_an_attack_is_no_second_event(events_of) -> None:
    events = events_of("Rebels stormed a border post, killing four Chadian soldiers.")
    assert [e.root for e in events] == ["19"]
    assert country(events[0].target) == "TCD"


@pytest.mark.parametrize(("text", "roots"), [
    ("Gunmen attacked a village in Zamfara, abducting two women.", ["19", "18"]),
    ("Police detained two men, accusing them of spying for Iran.", ["17", "11"]),
])
def test_a_second_kind_of_act_after_a_comma_is_its_own_event(events_of, text: str, roots: list[str]) -> None:
    assert [e.root for e in events_of(text)] == roots


def test_a_passive_relative_clause_names_who_was_acted_on(events_of) -> None:
    events = events_of("A Danish aid worker who had been abducted in March was freed by Ethiopia.")
    abduction = [e for e in events if e.root == "18"]
    assert abduction and all(country(e.source) != "DNK" and country(e.target) == "DNK" for e in abduction)


def test_a_group_and_its_name_parsed_as_two_subjects_are_one_actor(events_of) -> None:
    events = events_of("The Somali militant group al-Shabab is claiming responsibility for the raid.")
    assert [e.source.code for e in events] == ["SOMINSSHB"]


@pytest.mark.parametrize("text", ["Kurdish fighters clashed with a Turkish-backed militia near Afrin.",
                                  "Police arrested three Qaeda-linked militants in Tunis."])
def test_a_patron_named_in_a_hyphenated_modifier_is_not_the_group(events_of, text: str) -> None:
    events = events_of(text)
    assert events and all(country(e.source) != "TUR" and country(e.target) not in ("TUR", "IMG")
                          for e in events)


@pytest.mark.parametrize("text", ["Two teachers were wounded in Azerbaijani mortar shelling near the border on Sunday.",
                                  "Four workers were injured in Eritrean artillery shelling near the border post on Friday."])
def test_an_act_told_again_without_its_actors_is_one_event(events_of, text: str) -> None:
    assert [e.root for e in events_of(text)] == ["19"]


@pytest.mark.parametrize(("text", "code"), [
    ("Houthi fighters captured the provincial capital after a week of fighting.", "192"),
    # food and medicine sent or delivered are humanitarian aid, whatever the verb
    ("UNICEF delivered food and medicine to 20,000 families in Yemen.", "073"),
    ("Norway sent food to Sudan.", "073"),
    # what aircraft strike, they strike from the air; what a storm strikes is no event
    ("Ethiopian drones struck Mekelle on Tuesday.", "195"),
    ("Russian warplanes hit a market near Idlib.", "195"),
    # missiles fired into the sea are a test: a show of force, not an attack
    ("Pyongyang fired three short-range missiles into the sea on Sunday.", "150"),
    ("North Korea conducted a missile test on Monday.", "150"),
    ("Kim Jong Un oversaw the test of a new hypersonic missile.", "150"),
    # going on strike is a strike; providing someone with weapons is military aid
    ("Thousands of workers went on strike in Paris.", "143"),
    ("Poland provided Ukraine with tanks and ammunition.", "072"),
    # barring someone from a place is a restriction; from office or a ballot, a ban on politicians
    ("Israel barred the UN envoy from entering Gaza.", "172"),
    ("The election commission disqualified the main opposition candidate.", "1722"),
])
def test_the_object_makes_the_code(events_of, text: str, code: str) -> None:
    assert code in [e.cameo for e in events_of(text)]


def test_the_sentenced_are_the_target_not_their_victims(events_of) -> None:
    events = events_of("A military court in Cairo sentenced three activists to prison for the murder of a judge.")
    assert [(e.cameo, e.target.name if e.target else None) for e in events][:1] == [("116", "three activists")]


def test_a_dateline_parsed_as_the_subject_gives_way_to_the_real_one(events_of) -> None:
    events = events_of("NAIROBI (AFP) - Kenya and Somalia agreed on Friday to a truce in the border region, "
                       "the African Union said after talks.")
    assert {(country(e.source), country(e.target)) for e in events} >= {("KEN", "SOM"), ("SOM", "KEN")}


def test_a_storm_striking_is_no_attack(events_of) -> None:
    assert events_of("A powerful storm struck the coast of Bangladesh.") == []


@pytest.mark.parametrize(("text", "code", "source"), [
    ("Taiwan scrambled jets after Chinese aircraft entered its air defence zone.", "152", "TWN"),
    ("NATO said it would deploy additional forces to its eastern flank.", "130", "IGO"),
])
def test_forces_shown_or_deployed_are_ones_own(events_of, text: str, code: str, source: str) -> None:
    assert [(e.cameo, country(e.source), e.target) for e in events_of(text)] == [(code, source, None)]


def test_a_purpose_clause_after_use_is_the_one_act(events_of) -> None:
    events = events_of("Police used water cannon to disperse demonstrators in Tbilisi.")
    assert [(e.cameo, e.source.code) for e in events] == [("175", "GEOCOP")]


def test_a_demonym_alone_does_not_make_the_police_local(events_of) -> None:
    events = events_of("Police arrested two Kenyan journalists.")
    assert events and events[0].source.country is None


def test_a_denial_is_not_aimed_at_ones_own_forces(events_of) -> None:
    events = events_of("Russia denied that its forces had shelled the hospital.")
    assert [e.cameo for e in events] == ["016"]
    assert events[0].target is None or not (events[0].target.code or "").startswith("RUS")


@pytest.mark.parametrize(("text", "source", "target"), [
    # a scheduled or due meeting is an intention to meet (036), by the one scheduled
    ("Putin is due to meet Erdogan in Sochi on Friday.", "RUS", "TUR"),
    ("The Kenyan president is scheduled to meet Ethiopia's prime minister next week.", "KEN", "ETH"),
])
def test_a_scheduled_meeting_is_an_intention_to_meet(events_of, text: str, source: str, target: str) -> None:
    events = events_of(text)
    assert ("036", source, target) in dyads(events) and all(e.hypothetical for e in events)


def test_attending_talks_is_taking_part_in_them(events_of) -> None:
    assert ("046", "FRA", "UKR") in dyads(events_of("Macron attended talks with Zelensky in Paris."))


@pytest.mark.parametrize(("text", "code"), [
    # dismissing a proposal or a threat rejects it; dismissing an allegation denies it
    ("Moscow dismissed Kyiv's proposal for talks.", "125"),
    ("Serbia dismissed the allegations.", "016"),
])
def test_dismissing_rejects_or_denies_by_what_is_dismissed(events_of, text: str, code: str) -> None:
    assert [e.cameo for e in events_of(text)] == [code]


def test_whose_troops_are_not_the_object_of_their_own_clause(events_of) -> None:
    events = events_of("Eritrea, whose troops fought alongside Ethiopian forces, was not party to the deal.")
    assert all(country(e.target) != "ERI" for e in events)


@pytest.mark.parametrize(("text", "not_target"), [
    ("The UN urged both sides to stop attacks on Gaza.", "PSE"),
    ("The African Union mediated the talks. Guterres urged the parties to respect it.", "IGO"),
])
def test_an_appeal_is_addressed_to_its_object_not_to_what_it_asks_about(events_of, text: str,
                                                                        not_target: str) -> None:
    appeals = [e for e in events_of(text) if e.root == "02"]
    assert appeals and all(country(e.target) != not_target for e in appeals)


def test_an_earlier_event_told_to_say_when_is_not_what_the_act_is_about(events_of) -> None:
    events = events_of("Pakistani troops killed 12 militants in a raid, days after a suicide bombing at a "
                       "police station killed 23 officers.")
    assert [e.cameo for e in events][:1] == ["190"]


@pytest.mark.parametrize("text", ["Clashes erupted between Kyrgyz and Tajik border guards on Friday.",
                                  "Talks between Iran and the United States resumed in Oman."])
def test_acts_between_two_sides_go_each_way(events_of, text: str) -> None:
    pairs = {(country(e.source), country(e.target)) for e in events_of(text)}
    assert len(pairs) == 2 and all(s and t and s != t for s, t in pairs)
    assert {(t, s) for s, t in pairs} == pairs


def test_an_occurrence_verb_hits_its_object(events_of) -> None:
    events = events_of("A suicide bombing at a police station in Peshawar killed 23 officers.")
    assert [e.target.name for e in events] == ["23 officers"]


@pytest.mark.parametrize(("text", "source", "target"), [
    # "Y is to blame": Y is blamed, by whoever says so
    ("The Ethiopian government says the Tigray People's Liberation Front is to blame for the delays.",
     "ETH", "ETH"),
    ("Russia is to blame for the crisis, the French president said.", "FRA", "RUS"),
])
def test_being_to_blame_is_being_blamed(events_of, text: str, source: str, target: str) -> None:
    assert ("112", source, target) in dyads(events_of(text))


@pytest.mark.parametrize("text", ["Protesters in Nairobi clashed with police over tax hikes.",
                                  "Kenyan police clashed with protesters in Nairobi."])
def test_a_clash_of_police_and_protesters_is_repression_one_way_and_a_riot_the_other(events_of, text: str) -> None:
    codes = {(e.source.role, e.target.role): e.cameo for e in events_of(text)}
    assert codes == {("COP", "CVL"): "175", ("CVL", "COP"): "145"}


@pytest.mark.parametrize(("text", "code"), [
    # words the tokenizer splits at the hyphen are found whole
    ("Students staged a sit-in at Dhaka University.", "141"),
    ("Rioters torched police stations in Dakar.", "145"),
])
def test_protests_in_other_words(events_of, text: str, code: str) -> None:
    assert [e.cameo for e in events_of(text)] == [code]


def test_what_a_staged_protest_demands_is_its_aim(events_of) -> None:
    events = events_of("Students staged a sit-in at Dhaka University demanding the release of detained activists.")
    assert [e.root for e in events] == ["14"]
