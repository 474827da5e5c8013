"""Evidence with its words marked: pieces of text, never markup."""

from __future__ import annotations

from eventwire.web.highlight import Piece, article_pieces, event_pieces, pieces


def test_marks_cut_the_text_and_the_first_mark_wins_on_overlap() -> None:
    text = "Russia expelled eight diplomats."
    assert pieces(text, [(7, 15, "trigger"), (0, 31, "evidence")]) == [
        Piece("Russia ", "evidence"), Piece("expelled", "trigger"),
        Piece(" eight diplomats", "evidence"), Piece(".", None)]


def test_marks_outside_the_text_are_ignored() -> None:
    assert pieces("short", [(3, 99, "trigger"), (-1, 2, "source")]) == [Piece("short", None)]


def test_an_event_marks_its_trigger_and_actor_names() -> None:
    event = {"sentence": "Blinken warned Russia.", "trigger": {"start": 8, "end": 14},
             "source_name": "Blinken", "target_name": "Russia"}
    assert [(p.text, p.kind) for p in event_pieces(event)] == [
        ("Blinken", "source"), (" ", None), ("warned", "trigger"), (" ", None),
        ("Russia", "target"), (".", None)]


def test_markup_in_the_text_stays_text() -> None:
    event = {"sentence": "<b>X</b> hit Y", "trigger_start": 9, "trigger_end": 12}
    assert "".join(p.text for p in event_pieces(event)) == "<b>X</b> hit Y"


def test_an_article_marks_evidence_and_triggers() -> None:
    article = {"text": "One. Two hit three.", "events": [
        {"evidence_start": 5, "evidence_end": 19, "trigger_start": 9, "trigger_end": 12}]}
    assert [(p.text, p.kind) for p in article_pieces(article)] == [
        ("One. ", None), ("Two ", "evidence"), ("hit", "trigger"), (" three.", "evidence")]
