"""looks_english: a cheap stop-word check; short texts get the benefit of the doubt."""

from __future__ import annotations

import pytest
from ingest_helpers import BODY

from eventwire.ingest.language import looks_english

FRENCH = (
    "Les ministres des affaires étrangères des deux pays se sont rencontrés mardi à Genève pour "
    "discuter d'un échange de prisonniers. Selon le gouvernement, le prochain cycle de "
    "négociations aura lieu en janvier. L'opposition a vivement critiqué ces discussions et "
    "reproché au gouvernement d'avoir fait trop de concessions sans consulter le parlement."
)
SPANISH = (
    "Los ministros de Asuntos Exteriores de los dos países se reunieron el martes en Ginebra para "
    "hablar de un intercambio de prisioneros. Según el gobierno, la próxima ronda de "
    "negociaciones tendrá lugar en enero. La oposición criticó con dureza las conversaciones y "
    "acusó al gobierno de hacer demasiadas concesiones sin consultar al parlamento."
)
DUTCH = (
    "De ministers van Buitenlandse Zaken van de twee landen kwamen dinsdag in Genève bijeen om te "
    "praten over een uitwisseling van gevangenen. Volgens de regering vindt de volgende ronde in "
    "januari plaats. De oppositie had scherpe kritiek op de gesprekken met het buurland."
)
DENSE_ENGLISH = (  # a one-sentence lead dense with names: few function words, still English
    "Vietnamese-led units opened artillery, mortar and rocket barrages on guerrilla bases along "
    "the Thai frontier Tuesday, Thai army sources said, citing radio intercepts and border patrols."
)
CHINESE = "两国外交部长周二在日内瓦会晤，讨论交换囚犯问题。据政府称，下一轮谈判将于一月举行。" * 4


@pytest.mark.parametrize(
    "text, english",
    [
        (BODY, True),
        ("Russia warns NATO over troop build-up.", True),  # too short to judge
        ("Kreml warnt NATO.", True),  # too short to judge
        (DENSE_ENGLISH, True),
        (FRENCH, False),
        (DUTCH, False),
        (SPANISH, False),
        (CHINESE, False),
        (BODY + "\n\nEin kurzer deutscher Satz am Ende.", True),  # a stray foreign line is fine
    ],
)
def test_looks_english(text: str, english: bool) -> None:
    assert looks_english(text) is english
