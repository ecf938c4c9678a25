"""Corpus tools: many reports at once (batch runs, output planning, tables, comparison, Dask)."""
