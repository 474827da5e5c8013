"""The spaCy extension attributes that eventwire components read and write.

The Doc is the only structure passed between steps:

- ``doc._.published`` (date | None): the article's publication date, set before the pipeline runs.
- ``doc._.article_id`` (str | None)
- ``doc.spans["eventwire_actors"]``: actor mentions; each span has ``span._.actor`` (Actor).
  Pronouns and later mentions ("he", "the minister", "Lavrov") are spans too, carrying the
  actor of the mention they refer back to.
- ``doc._.events`` (list[Event]): written by ``eventwire_events``, refined by the later steps.
- ``doc.spans["eventwire_places"]``: place mentions; each span has ``span._.location`` (Location).
- ``doc._.quotes`` (list[Quote]): written by ``eventwire_quotes``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

ACTOR_SPANS = "eventwire_actors"
PLACE_SPANS = "eventwire_places"


def register() -> None:
    """Register the extension attributes once (idempotent)."""
    for name, default in (("published", None), ("article_id", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in ("events", "quotes"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)  # set to a fresh list per doc
    for name in ("actor", "location"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


register()
