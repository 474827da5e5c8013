"""The ``eventwire_paragraphs`` spaCy component: a paragraph break ends a sentence.

Reads: the tokens' text (runs before the parser). Writes: ``Token.is_sent_start`` of the first
token after a line break, which the parser then respects. Headlines, captions, bylines and list
items end without a full stop; left to the parser, each runs into the paragraph after it, and
the sentence that results is coded as one, wrongly ("EU targets Putin's inner circle, scraps
summit" + the caption under it). A single line break (``clean=False`` text) ends a sentence too,
unless the next line starts in lower case (a hard-wrapped line going on).
"""

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.is_space or not before.is_space or "\n" not in before.text:
            continue
        if before.text.count("\n") > 1 or not token.text[:1].islower():
            token.is_sent_start = True
    return doc


@Language.factory("eventwire_paragraphs")
def make_paragraphs(nlp: Language, name: str):  # noqa: ANN201
    return mark_paragraphs
