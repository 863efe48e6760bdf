"""Batch processing on Dask: archives analysed in partitions, resumable, written as Parquet.

- :func:`run_archive` (:mod:`thoisu.batch.archive`): what ``thoisu batch`` runs. Partitions
  (:mod:`thoisu.batch.partitions`) are analysed as tasks that leave their result and a
  completion marker on shared storage (:mod:`thoisu.batch.work`), stories are clustered over
  all of them and described as tasks (:mod:`thoisu.batch.stories`), and the ``articles``,
  ``stories`` and ``problems`` datasets are written (:mod:`thoisu.batch.columns`).
- :func:`run_batch` (:mod:`thoisu.batch.stream`): articles and problems streamed back to the
  caller in input order, for Python use without files, over the same partitions.
- :func:`local_client` (:mod:`thoisu.batch.stream`): a cluster on this machine, closed on exit.
"""

from thoisu.batch.archive import Progress, RunReport, run_archive
from thoisu.batch.partitions import Chunk, Part, plan_partitions, stdin_problem
from thoisu.batch.stream import (
    DASK_EXTRA,
    DEFAULT_PARTITION_SIZE,
    DaskMissingError,
    PartitionResult,
    local_client,
    lost_partition,
    process_partition,
    require_dask,
    run_batch,
)

__all__ = [
    "DASK_EXTRA",
    "DEFAULT_PARTITION_SIZE",
    "Chunk",
    "DaskMissingError",
    "Part",
    "PartitionResult",
    "Progress",
    "RunReport",
    "local_client",
    "lost_partition",
    "plan_partitions",
    "process_partition",
    "require_dask",
    "run_archive",
    "run_batch",
    "stdin_problem",
]
