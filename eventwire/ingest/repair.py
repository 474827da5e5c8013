"""Mojibake repair: text that was UTF-8 but was read as Latin-1 or Windows-1252 upstream ("Ã©").

The bytes are gone by the time such text reaches us (a JSONL export, a feed, a page that was
re-saved), so the decoder cannot help: ftfy recognises the pattern and undoes it where the
result is unambiguous, and leaves alone what is not clearly mojibake ("Ã la carte" stays only if
it is not the tell-tale sequence of a UTF-8 character). Only the encoding fix is applied: ftfy's
other changes (quotes, ligatures, HTML entities, width) would alter the text for no reason.
"""

from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _config():  # noqa: ANN202  (ftfy is imported late: most texts have nothing to repair)
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=False,
    )


def repair_mojibake(text: str) -> tuple[str, bool]:
    """(text with mojibake repaired, whether anything was changed)."""
    if text.isascii():
        return text, False  # mojibake needs non-ASCII characters: the common case costs nothing
    from ftfy import fix_text
    from ftfy.badness import is_bad

    if not is_bad(text):
        return text, False
    fixed = fix_text(text, _config())
    return fixed, fixed != text
