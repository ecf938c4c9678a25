"""``govreport.dask``: reports as a Dask bag (:mod:`govreport.corpus.dask`, the ``dask`` extra)."""

from govreport.corpus.dask import ReportBag, read_reports

__all__ = ["ReportBag", "read_reports"]
