"""One exception hierarchy. Library code raises these; only the CLI turns them into exit codes."""


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input could not be read or coded: empty, binary, mis-encoded, malformed, not English.

    ``origin`` names the input (file, file:line, or '-') and the message says why.
    """

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # pickled with its two fields (the default would pass the one-line message back as
        # ``origin`` and fail): failures travel back from Dask workers and worker processes
        return (type(self), (self.origin, self.reason))


class DataFileError(EventwireError):
    """A dictionary, pattern or ontology file has a bad entry (the message names file and entry)."""


class StoreError(EventwireError):
    """The event store could not be opened, migrated or written."""


class ClusterError(EventwireError):
    """The Dask cluster cannot be used: unreachable, or its workers differ from this process
    (eventwire version, model), or it was lost during a run. Nothing of the batch in flight is
    stored; running the same command again resumes."""


class TimeLimitError(InputError):
    """An input took longer than the per-article time limit to read or to code; the batch goes on."""
