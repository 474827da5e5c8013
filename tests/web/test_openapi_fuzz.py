"""schemathesis against the app's own OpenAPI description, in process: every read endpoint with
generated parameters (valid and not), ``POST /api/code`` with small generated bodies through the
real coding pool. No response may be a 5xx or disagree with the description.

``make test`` runs a few examples per endpoint; ``make soak`` sets EVENTWIRE_FUZZ_EXAMPLES higher.
(schemathesis reads the schema when the module is collected, so the store is made then.)
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from web_store import build

from eventwire.web import ServeSettings, create_app

EXAMPLES = int(os.environ.get("EVENTWIRE_FUZZ_EXAMPLES", "30"))

_folder = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-"))
atexit.register(shutil.rmtree, _folder, True)
app = create_app(ServeSettings(db=build(_folder / "events.duckdb")))
atexit.register(app.state.coding.close)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
CODING_WARM = False


def warm_coding() -> None:
    """Start the coding worker (it loads spaCy: seconds) before the first generated request."""
    global CODING_WARM
    if not CODING_WARM:
        app.state.coding.start()
        CODING_WARM = True


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True)
def test_api_answers_as_described(case: Any) -> None:
    if case.operation.path == "/api/code":
        warm_coding()
    case.call_and_validate(timeout=60)
