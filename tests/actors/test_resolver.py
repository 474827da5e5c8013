from datetime import date

import pytest

from eventwire.actors.resolver import resolve


@pytest.mark.parametrize(
    ("text", "code", "role"),
    [
        ("Russian Foreign Minister Sergei Lavrov", "RUSGOV", "GOV"),
        ("Ukrainian protesters", "UKRCVL", "CVL"),
        ("Russian troops", "RUSMIL", "MIL"),
        ("his Brazilian counterpart", "BRAGOV", "GOV"),
        ("the Kremlin", "RUSGOV", "GOV"),
        ("U.S.", "USA", None),
        ("US", "USA", None),
        ("America", "USA", None),
        ("Britain", "GBR", None),
        ("UK", "GBR", None),
        ("Downing Street", "GBRGOV", "GOV"),
        ("Kiev", "UKRGOV", "GOV"),
        ("Kyiv", "UKRGOV", "GOV"),
        ("Tehran", "IRNGOV", "GOV"),
        ("Pyongyang", "PRKGOV", "GOV"),
        ("NATO", "IGOWSTNAT", None),
        ("the United Nations", "IGOUNO", None),
        ("the European Union", "IGOEUREEC", None),
        ("The Islamic State", "IMGMUSISI", "INS"),
        ("Hezbollah", "LBNREBHZB", "REB"),
        ("Chinese police", "CHNCOP", "COP"),
        ("Iranian lawmakers", "IRNLEG", "LEG"),
        ("Syrian rebels", "SYRREB", "REB"),
        ("The rebels from Syria", "SYRREB", "REB"),
        ("The US commander in Iraq", "USAMIL", "MIL"),
        ("the president of Russia", "RUSGOV", "GOV"),
        ("Russia's foreign minister", "RUSGOV", "GOV"),
        ("Kremlin spokesman", "RUSGOV", "GOV"),
        ("Moscow police", "RUSCOP", "COP"),
        ("the U.S. State Department", "USAGOV", "GOV"),
        ("Pakistani Army", "PAKMIL", "MIL"),
        ("Belarusian opposition leader", "BLROPP", "OPP"),
        ("former Israeli prime minister", "ISRELI", "ELI"),
        ("Russia's Security Council", "RUSGOV", "GOV"),
        ("the U.S. NATO ambassador", "USAGOV", "GOV"),
        ("UN peacekeepers", "IGOUNO", "MIL"),
        ("Chile's Defense Department", "CHLMIL", "MIL"),
        ("a former CIA official", "USAELI", "ELI"),
        ("the Canadian ambassador to the United Nations", "CANGOV", "GOV"),
        ("people in the UK", "GBRCVL", "CVL"),
        ("an amusement park in Kabul", "AFG", None),
        ("pro-Russian separatists", None, "REB"),
        ("anti-American protesters", None, "CVL"),
    ],
)
def test_mentions_resolve_to_cameo_codes(text: str, code: str, role: str | None) -> None:
    actor = resolve(text)
    assert actor is not None
    assert (actor.code, actor.role) == (code, role)


@pytest.mark.parametrize(
    ("text", "on", "code"),
    [
        ("Zelensky", date(2018, 6, 1), "UKRELI"),  # an entertainer then: an elite, not the government
        ("Zelensky", date(2022, 3, 1), "UKRGOV"),
        ("Zelenskiy", date(2022, 3, 1), "UKRGOV"),
        ("Volodymyr Zelenskyy", date(2019, 5, 20), "UKRGOV"),
        ("Volodymyr Zelenskyy", date(2019, 5, 19), "UKRELI"),
        ("Putin", date(2010, 1, 1), "RUSGOV"),  # prime minister 2008-2012
        ("Vladimir Putin", date(2022, 3, 1), "RUSGOV"),
        ("Obama", date(2005, 6, 1), "USALEG"),  # senator
        ("Barack Obama", date(2012, 6, 1), "USAGOV"),
        ("Trump", date(2018, 6, 1), "USAGOV"),
        ("Trump", date(2022, 6, 1), "USAELI"),
        ("Trump", date(2025, 1, 20), "USAGOV"),
        ("Trump", date(2025, 6, 1), "USAGOV"),
        ("Joe Biden", date(2019, 6, 1), "USAELI"),
        ("Biden", date(2021, 1, 20), "USAGOV"),
        ("Biden", date(2025, 2, 1), "USAELI"),
        ("Angela Merkel", date(2017, 4, 1), "DEUGOV"),
        ("Angela Merkel", date(2022, 1, 10), "DEUELI"),
        ("Taliban", date(2002, 5, 1), "AFGREBTAL"),
        ("Taliban", date(2022, 5, 1), "AFGGOVTAL"),
        ("Jens Stoltenberg", date(2020, 1, 1), "IGOWSTNAT"),
    ],
)
def test_office_holders_resolve_by_date(text: str, on: date, code: str) -> None:
    actor = resolve(text, on)
    assert actor is not None and actor.code == code


@pytest.mark.parametrize("text", ["Marcus Beam", "puppies", "who", "us", "it is"])
def test_unknown_text_is_not_guessed(text: str) -> None:
    assert resolve(text) is None


def test_role_without_country_keeps_role_and_null_code() -> None:
    actor = resolve("the defence minister")
    assert actor is not None and actor.code is None and actor.role == "GOV"


def test_capitalised_acronyms_only_match_capitals() -> None:
    assert resolve("WHO").code == "IGOUNOWHO"  # type: ignore[union-attr]
    assert resolve("IS fighters").code == "IMGMUSISI"  # type: ignore[union-attr]
