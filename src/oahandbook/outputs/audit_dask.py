"""Audits past one machine, on Dask (the ``dask`` extra): the files are a ``dask.bag`` of paths,
each partition is checked by a picklable :class:`oahandbook.Checker` where it lands, and the
partitions' :class:`~oahandbook.outputs.audit.Audit` counters merge into one.

>>> from oahandbook import Checker                                            # doctest: +SKIP
>>> from oahandbook.outputs.audit_dask import archive_paths, audit_with_dask
>>> checker = Checker.for_directory(".")
>>> paths = archive_paths(["archive"], checker)
>>> audit = audit_with_dask(paths, checker, root="archive", scheduler="processes")
>>> audit.summary()["errors"]

With ``dask.distributed``, connect a ``Client`` first (``Client("tcp://scheduler:8786")``):
``compute`` then runs on its workers, which must see the files at the same paths (a shared
volume) and have oahandbook installed. Paths are shown as given: give relative paths to match
``oahandbook check`` run from the same folder, absolute ones on a cluster.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from oahandbook.base.i18n import SEVERITY_RANK
from oahandbook.outputs.archive import archive_rows, audit_meta
from oahandbook.outputs.audit import Audit

if TYPE_CHECKING:
    import dask.bag

# Files per partition: large enough that a task's overhead (shipping the checker, building its
# context, ~20 ms) is small beside checking, small enough to spread over the workers.
PARTITION_FILES = 500


def archive_paths(paths: Iterable[str | os.PathLike[str]], checker: Any) -> list[str]:
    """The drafts and account files under ``paths``, as ``oahandbook check`` and ``audit`` find
    them (the checker's configuration: include, exclude, account files), each once."""
    from oahandbook.run.batch import collect

    ctx = checker.context
    return [os.fspath(t.path) for t in collect([os.fspath(p) for p in paths], ctx.config, ctx.base_dir)]


def _floor(checker: Any) -> int:
    return SEVERITY_RANK[checker.min_severity or checker.config.min_severity]


def check_partition(
    paths: Iterable[str],
    checker: Any,
    root: str | None = None,
    account_field: str | None = None,
    kind: str = "auto",
) -> list[dict[str, Any]]:
    """The JSON Lines rows (:mod:`.jsonl`) of one partition's files, with their account and month."""
    floor, lang = _floor(checker), checker.lang
    rows: list[dict[str, Any]] = []
    for path in paths:
        rows.extend(
            archive_rows(checker.check_file(path, kind=kind), path, root, account_field, floor=floor, lang=lang)
        )
    return rows


def audit_partition(paths: Iterable[str], checker: Any, root=None, account_field=None, kind="auto") -> Audit:
    audit = Audit()
    audit.add_rows(check_partition(paths, checker, root, account_field, kind))
    return audit


def merge_audits(audits: Iterable[Audit]) -> Audit:
    merged = Audit()
    for audit in audits:
        merged.merge(audit)
    return merged


def paths_bag(
    paths: Sequence[str | os.PathLike[str]] | dask.bag.Bag, *, npartitions: int | None = None
) -> dask.bag.Bag:
    import dask.bag as db

    if isinstance(paths, db.Bag):
        return paths
    items = [os.fspath(p) for p in paths]
    count = npartitions or max(1, math.ceil(len(items) / PARTITION_FILES))
    return db.from_sequence(items, npartitions=max(1, min(count, len(items) or 1)))


def rows_bag(
    paths: Sequence[str | os.PathLike[str]] | dask.bag.Bag,
    checker: Any,
    *,
    root: str | os.PathLike[str] | None = None,
    account_field: str | None = None,
    kind: str = "auto",
    npartitions: int | None = None,
) -> dask.bag.Bag:
    """A bag of the rows of every file (``file``, ``finding`` and ``problem``, as ``audit
    --jsonl`` writes them). ``bag.filter(lambda r: r["type"] == "finding")`` keeps the
    findings; ``bag.map(dump_row)`` … ``to_textfiles`` writes JSON Lines for ``oahandbook report``."""
    root = os.fspath(root) if root is not None else None
    return paths_bag(paths, npartitions=npartitions).map_partitions(check_partition, checker, root, account_field, kind)


def audit_with_dask(
    paths: Sequence[str | os.PathLike[str]] | dask.bag.Bag,
    checker: Any,
    *,
    root: str | os.PathLike[str] | None = None,
    account_field: str | None = None,
    kind: str = "auto",
    npartitions: int | None = None,
    **compute: Any,
) -> Audit:
    """Check every file on Dask and return the merged counters (``compute`` goes to
    ``dask.compute``: ``scheduler="processes"``, ``num_workers=2``; a connected distributed
    ``Client`` is used by default). Only the counters travel back, never the findings."""
    root = os.fspath(root) if root is not None else None
    per_partition = partial(audit_partition, checker=checker, root=root, account_field=account_field, kind=kind)
    bag = paths_bag(paths, npartitions=npartitions)
    audit = bag.reduction(per_partition, merge_audits, split_every=8).compute(**compute)
    audit.add_row(
        {
            "type": "summary",
            "min_severity": checker.min_severity or checker.config.min_severity,
            "audit": audit_meta(checker, [root] if root else [], account_field),
        }
    )
    return audit
