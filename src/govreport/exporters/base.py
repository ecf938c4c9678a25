"""What an exporter is (defined in :mod:`govreport.protocols`)."""

from govreport.protocols import Exporter

__all__ = ["Exporter"]
