"""A small store for the dashboard's tests, written through the real ingest path (content keys,
mentions, clustering) with a coder that returns hand-made events instead of running spaCy.

What is in it (the tests count on it):
- USA -> RUS: a warning (1312, hypothetical) reported by two outlets on 2021-12-01/02 (one event,
  two mentions), a second one on 2021-12-15, a denied sanction (163, negated) on 2022-01-10;
- USAGOV <-> RUSGOV: a planned meeting (036, hypothetical) each way on 2021-12-15;
- RUSMIL -> UKRMIL: shelling (190) in Donetsk (a city with coordinates) on 2022-01-10;
- a hostile article: script tags in its title, text, actor names and quote, a javascript: URL,
  an event handler attribute, a right-to-left override and a 3,000-letter word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from eventwire.code_and_store import ingest
from eventwire.model import Actor, Article, Document, Event, Location, Quote, Span
from eventwire.ontology import cameo as cameo_code, plover

HOSTILE_TITLE = '<script>window.__pwned = "title"</script>Hostile <b>news</b>'
HOSTILE_URL = 'javascript:window.__pwned = "url"'
HOSTILE_NAME = '<img src=x onerror="window.__pwned = \'name\'">Evil Corp'
HOSTILE_QUOTE = '</script><script>window.__pwned = "quote"</script>'
RTL = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: would flip the page's text after it
LONG_WORD = "x" * 3000


@dataclass
class E:
    """An event in a sentence: who (code, name), what (CAMEO), whom, and the trigger word."""

    trigger: str
    source: tuple[str, str] | None
    cameo: str
    target: tuple[str, str] | None
    day: str | None = None
    negated: bool = False
    hypothetical: bool = False
    place: Location | None = None


@dataclass
class A:
    title: str
    url: str
    outlet: str
    published: date
    sentences: list[tuple[str, list[E]]]
    quotes: list[tuple[str, tuple[str, str]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(s for s, _ in self.sentences)


DONETSK = Location("Donetsk", "UKR", 48.02, 37.8, "city")
WARNING = ("U.S. Secretary of State Antony Blinken warned Russia on Wednesday to halt its "
           "moves near Ukraine.")

ARTICLES = [
    A("Blinken warns Russia", "https://northwire.example/a1", "northwire.example",
      date(2021, 12, 1),
      [(WARNING, [E("warned", ("USAGOV", "Antony Blinken"), "1312", ("RUS", "Russia"),
                    "2021-12-01", hypothetical=True)]),
       ("The talks will continue next week.", [])],
      [("We will respond", ("USAGOV", "Antony Blinken"))]),
    A("U.S. warns Moscow over Ukraine", "https://southwire.example/b1", "southwire.example",
      date(2021, 12, 2),
      [("Officials said that " + WARNING, [E("warned", ("USAGOV", "Antony Blinken"), "1312",
                                              ("RUS", "Russia"), "2021-12-01",
                                              hypothetical=True)])]),
    A("Ministers to meet", "https://northwire.example/a2", "northwire.example",
      date(2021, 12, 15),
      [("Blinken will meet Lavrov in Stockholm.",
        [E("will meet", ("USAGOV", "Blinken"), "036", ("RUSGOV", "Lavrov"), "2021-12-16",
           hypothetical=True),
         E("will meet", ("RUSGOV", "Lavrov"), "036", ("USAGOV", "Blinken"), "2021-12-16",
           hypothetical=True)]),
       ("Washington again warned Russia of severe costs.",
        [E("warned", ("USA", "Washington"), "130", ("RUS", "Russia"), "2021-12-15")])],
      [("Diplomacy is the only way", ("RUSGOV", "Sergei Lavrov"))]),
    A("Shelling near Donetsk", "https://northwire.example/a3", "northwire.example",
      date(2022, 1, 10),
      [("Russian troops shelled Ukrainian positions near Donetsk.",
        [E("shelled", ("RUSMIL", "Russian troops"), "190", ("UKRMIL", "Ukrainian positions"),
           "2022-01-10", place=DONETSK)]),
       ("The United States did not impose new sanctions on Russia.",
        [E("impose", ("USA", "The United States"), "163", ("RUS", "Russia"), "2022-01-10",
           negated=True)])]),
    A(HOSTILE_TITLE, HOSTILE_URL, "<i>evil.example</i>", date(2022, 1, 11),
      [(f'Evil Corp <img src=x onerror="window.__pwned = \'text\'"> threatened {RTL}Ruritania '
        f'today {LONG_WORD}.',
        [E("threatened", ("XSSGOV", HOSTILE_NAME), "138", ("RUR", f"{RTL}Ruritania"),
           "2022-01-11", hypothetical=True)])],
      [(HOSTILE_QUOTE, ("XSSGOV", HOSTILE_NAME))]),
]


def _event(spec: E, article_id: str, text: str, index: int, sentence: str) -> Event:
    start = text.index(sentence)
    at = start + sentence.index(spec.trigger)
    code = cameo_code(spec.cameo)

    def actor(side: tuple[str, str] | None) -> Actor | None:
        return Actor(side[1], side[0], side[0][:3], side[0][3:] or None) if side else None

    return Event(article_id, index, sentence, Span(start, start + len(sentence)),
                 Span(at, at + len(spec.trigger), spec.trigger), actor(spec.source),
                 actor(spec.target), spec.cameo, code.root, code.quad, code.goldstein,
                 plover(spec.cameo), spec.day, "day" if spec.day else "article", spec.place,
                 spec.negated, spec.hypothetical)


def _document(spec: A, article: Article) -> Document:
    text = article.text
    events = [_event(e, article.id or "", text, i, sentence)
              for i, (sentence, found) in enumerate(spec.sentences) for e in found]
    quotes = [Quote(q, Actor(who[1], who[0]), 0, Span(0, len(q))) for q, who in spec.quotes]
    return Document(article=article, text=text, events=events, quotes=quotes)


def build(path: Path, articles: list[A] = ARTICLES) -> Path:
    """Write ``articles`` into a store at ``path`` through ``ingest``."""
    items = [Article(a.text, published=a.published, title=a.title, url=a.url, outlet=a.outlet,
                     origin=f"test:{n}") for n, a in enumerate(articles)]
    specs = {id(article): spec for article, spec in zip(items, articles)}

    def read(paths: Iterable[str], **_: object) -> Iterator[Article]:
        yield from items

    def code(batch: Iterable[Article]) -> Iterator[Document]:
        for article in batch:
            yield _document(specs[id(article)], article)

    report = ingest(["test"], path, coder=code, reader=read)
    assert report.failed == 0, report.failures
    return path
