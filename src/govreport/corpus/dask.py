"""Reports as a Dask bag, and their tables as Dask DataFrames, for clusters of machines.

>>> from distributed import Client                         # doctest: +SKIP
>>> client = Client("tcp://scheduler:8786")                 # doctest: +SKIP
>>> reports = govreport.dask.read_reports(["reports/*.txt"])  # doctest: +SKIP
>>> reports.mentions_frame().groupby("source").size().compute()  # doctest: +SKIP

Each worker parses the files of its partitions with its own default plugin host, so the
plugins installed on the workers are the ones that run; the paths must be readable there (a
shared file system). Needs the ``dask`` extra (``pip install 'govreport[dask]'``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govreport.corpus.batch import Converter, Item, expand, keep_reports
from govreport.corpus.tables import TableKind, table
from govreport.host import default_host
from govreport.model import Report
from govreport.readers import require


def _parse_partition(items: Sequence[Item], strict: bool) -> list[Report]:
    """The reports of ``items``, parsed in the worker; a bad file raises its one-line error."""
    host = default_host(strict=strict)
    converter = Converter(host=host, strict=strict, finish=keep_reports(host))
    return [converter(item).report for item in items]


def _frame(reports: Sequence[Report], of: TableKind) -> Any:
    return table(reports, of).to_pandas()


@attrs.frozen
class ReportBag:
    """A Dask bag of parsed reports, in the order of the paths."""

    bag: Any
    """The ``dask.bag.Bag`` of :class:`~govreport.model.Report` objects."""

    def frame(self, of: TableKind = "mentions") -> Any:
        """The ``of`` table (see :func:`govreport.table`) as a Dask DataFrame, one pandas
        partition per bag partition, rows in report then document order."""
        dask = require("dask", extra="dask", what="reports with Dask")
        frames = require("dask.dataframe", extra="dask", what="reports with Dask")
        parts = [dask.delayed(_frame)(part, of) for part in self.bag.to_delayed()]
        return frames.from_delayed(parts, meta=table((), of).to_pandas(), verify_meta=False)

    def mentions_frame(self) -> Any:
        """The mentions table as a Dask DataFrame (:meth:`frame`)."""
        return self.frame("mentions")


def read_reports(
    paths: Iterable[str | os.PathLike[str]],
    *,
    strict: bool = True,
    npartitions: int | None = None,
) -> ReportBag:
    """A lazy bag of the reports at ``paths`` (files, folders and globs, expanded here).

    :param npartitions: how many partitions the files are split into (default: one a file).
    """
    bags = require("dask.bag", extra="dask", what="reports with Dask")
    items = [Item.of_path(path) for path in expand(paths)]
    partitions = max(1, npartitions or len(items))
    bag = bags.from_sequence(items, npartitions=partitions)
    return ReportBag(bag.map_partitions(_parse_partition, strict))
