"""clean_text drops each kind of web boilerplate and keeps the body intact and in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import DataFileError
from eventwire.ingest.clean import clean_text, load_boilerplate, parse_boilerplate

LEAD = (
    "KYIV, Ukraine (Testwire) — Ukraine's foreign minister said on Monday that talks with "
    "Moscow had made no progress and accused Russian forces of shelling two villages."
)
SECOND = "The ministry said it would ask European partners for more support in the coming weeks."


def _with(noise: str, where: str = "top") -> str:
    parts = [noise, LEAD, SECOND] if where == "top" else [LEAD, SECOND, noise] if where == "bottom" else [LEAD, noise, SECOND]
    return "\n\n".join(parts)


@pytest.mark.parametrize(
    "noise, where",
    [
        ("Politics", "top"),
        ("World News", "top"),
        ("Home > World > Europe", "top"),
        ("By and-", "top"),
        ("By Jane Doe and", "top"),
        ("By Reuters Staff", "top"),
        ("By Oksana Petrenko and Mark T. Ellison", "top"),
        ("• Talks stall as shelling goes on\n• Minister seeks support", "top"),
        ("Key points\n- Talks stall\n- Villages shelled", "top"),
        ("Published: Dec. 6, 2021 at 10:02 a.m. ET", "top"),
        ("Updated 3 hours ago", "top"),
        ("4 min read", "top"),
        ("Why Ukraine Talks Are So Hard: QuickTake", "middle"),
        ("Read more: Ukraine's talks with Russia explained", "middle"),
        ("RELATED: Shelling hits villages in the east", "middle"),
        ("— With assistance by Jane Doe and Max Muster", "bottom"),
        ("(Reporting by Oksana Petrenko; Editing by Mark Ellison)", "bottom"),
        ("Reporting by Oksana Petrenko; Editing by Mark Ellison", "bottom"),
        ("Keine Kommentare:", "bottom"),
        ("Kommentar veröffentlichen", "bottom"),
        ("Neuerer Post Älterer Post Startseite", "bottom"),
        ("Leave a comment", "bottom"),
        ("Share this", "bottom"),
        ("Share this article\nFacebook | Twitter | Email", "bottom"),
        ("Teilen", "bottom"),
        ("Partager", "bottom"),
        ("Compartir", "bottom"),
        ("Accept cookies", "bottom"),
        ("We use cookies to improve your experience. By continuing you agree.", "top"),
        ("Subscribe to our newsletter", "bottom"),
        ("Sign up for our daily briefing", "middle"),
        ("Photo: Smoke rises over a village near the front line. Testwire/Jane Doe", "middle"),
        ("FILE PHOTO: A soldier walks in a trench. REUTERS/Jane Doe", "middle"),
        ("Advertisement", "middle"),
        ("Story continues below advertisement", "middle"),
    ],
)
def test_boilerplate_is_removed_and_body_kept(noise: str, where: str) -> None:
    assert clean_text(_with(noise, where)) == f"{LEAD}\n\n{SECOND}"


def test_credit_appended_to_last_paragraph_is_cut() -> None:
    text = f"{LEAD}\n\n{SECOND} (Reporting by Oksana Petrenko; Editing by Mark Ellison)"
    assert clean_text(text) == f"{LEAD}\n\n{SECOND}"


def test_comment_section_ends_the_article() -> None:
    text = f"{LEAD}\n\n{SECOND}\n\nComments (3)\n\nGreat article, thanks!\n\nI disagree with this."
    assert clean_text(text) == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize(
    "text",
    [
        # body lines that share words with boilerplate patterns stay
        "By nightfall, troops had pulled back from the two villages, the ministry said in a statement.",
        "Share prices in Moscow fell by 3% after the foreign minister warned of new sanctions on Monday.",
        "The ministry said it would publish its report next week, after the talks in Geneva ended.",
        "“We will respond,” the minister said. \"Nobody should doubt it.\"",
    ],
)
def test_body_sentences_are_not_mistaken_for_boilerplate(text: str) -> None:
    assert clean_text(f"{LEAD}\n\n{text}") == f"{LEAD}\n\n{text}"


def test_dateline_stays_in_the_body() -> None:
    assert clean_text("Politics\n\n" + LEAD).startswith("KYIV, Ukraine (Testwire) —")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("First  paragraph\u00a0here.\n\n\n\nSecond\tone.", "First paragraph here.\n\nSecond one."),
        ("One paragraph a line.\nAnother paragraph a line.", "One paragraph a line.\n\nAnother paragraph a line."),
        ("A line wrapped in the\nmiddle of a sentence.", "A line wrapped in the middle of a sentence."),
        ("Win\u00addows and zero\u200bwidth\r\nspaces.", "Windows and zerowidth spaces."),
    ],
)
def test_whitespace_is_normalised_and_paragraph_breaks_kept(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_hard_wrapped_text_is_rejoined() -> None:
    wrapped = (
        "The foreign ministers of the two countries met in Vienna on\n"
        "Tuesday and agreed to resume the talks on the border that were\n"
        "broken off last year, officials from both delegations said.\n\n"
        "The next round is planned for January in Geneva, according to\n"
        "the ministries, which gave no further details on the agenda."
    )
    out = clean_text(wrapped).split("\n\n")
    assert len(out) == 2 and out[0].startswith("The foreign ministers") and "on Tuesday and" in out[0]


def test_user_file_extends_the_patterns(tmp_path: Path) -> None:
    extra = tmp_path / "mine.txt"
    extra.write_text("# our CMS's teaser line\nline    more stories from testwire\n", encoding="utf-8")
    rules = load_boilerplate(extra)
    assert clean_text(_with("More stories from Testwire", "bottom"), rules) == f"{LEAD}\n\n{SECOND}"


@pytest.mark.parametrize(
    "content, message",
    [
        ("# ok\nsomewhere   foo", "unknown scope 'somewhere'"),
        ("# ok\nline   (unclosed", "bad regex"),
        ("line   foo", "no comment line above it"),
        ("# ok\nline   x*", "matches the empty string"),
        ("# ok\nline", "has no regex"),
    ],
)
def test_bad_pattern_file_names_the_entry(content: str, message: str) -> None:
    with pytest.raises(DataFileError, match=message) as info:
        parse_boilerplate(content, "mine.txt")
    assert "mine.txt:" in str(info.value)
