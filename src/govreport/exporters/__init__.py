"""Exporters: built-in output formats, registered as plugins like any other."""

from govreport.exporters.base import Exporter

__all__ = ["Exporter"]
