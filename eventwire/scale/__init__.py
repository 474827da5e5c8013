"""Scale-out on Dask: code articles on a cluster, with the store or Parquet shards as the sink.

- ``runner``: ``DaskRunner`` and ``code_on_dask``, what the driver calls;
- ``cluster``: getting a cluster (local, or a user's by address) and checking its workers;
- ``settings``: what must be the same on every worker (eventwire, model, user dictionaries);
- ``worker``: what runs on the workers.
"""

from eventwire.scale.runner import DaskRunner, check_options, code_on_dask
from eventwire.scale.settings import CodingSettings

__all__ = ["CodingSettings", "DaskRunner", "check_options", "code_on_dask"]
