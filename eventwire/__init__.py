"""eventwire: news articles to political event data (CAMEO, with PLOVER), with evidence.

    >>> import eventwire
    >>> doc = eventwire.code("Russia expelled eight U.S. diplomats.", published="2021-12-01")
    >>> doc.events[0].cameo
    '166'
"""

from eventwire.coding import Coder, Options, code, code_many, to_pandas
from eventwire.errors import ClusterError, DataFileError, EventwireError, InputError, StoreError
from eventwire.model import Actor, Article, Document, Event, Location, Quote, Span

__all__ = [
    "Actor",
    "Article",
    "ClusterError",
    "Coder",
    "DataFileError",
    "Document",
    "Event",
    "EventwireError",
    "InputError",
    "Location",
    "Options",
    "Quote",
    "Span",
    "StoreError",
    "code",
    "code_many",
    "to_pandas",
]
__version__ = "0.1.0"
