"""Let ``span._.actor`` survive ``Doc.to_bytes()`` (and so ``nlp.pipe(n_process=...)``).

spaCy packs ``doc.user_data`` with srsly's msgpack, which knows no dataclasses; an encoder and a
decoder registered with srsly turn an Actor into a tagged dict and back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import srsly

from eventwire.model import Actor

TAG = "__eventwire_actor__"


def encode_actor(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, Actor):
        return {TAG: [obj.name, obj.code, obj.country, obj.role]}
    return obj if chain is None else chain(obj)


def decode_actor(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and TAG in obj:
        return Actor(*obj[TAG])
    return obj if chain is None else chain(obj)


def register() -> None:
    srsly.msgpack_encoders.register("eventwire_actor", func=encode_actor)
    srsly.msgpack_decoders.register("eventwire_actor", func=decode_actor)


register()
