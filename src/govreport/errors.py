"""Errors govreport raises on bad input or misbehaving plugins."""

from __future__ import annotations


class GovreportError(Exception):
    """Base class: every error govreport raises on purpose is one of these."""


class InputError(GovreportError):
    """The input cannot be read: missing file, a folder, no permission, unknown format."""


class OutputError(GovreportError):
    """The output cannot be written: a refused target, a full disk, a closed standard output."""


class DecodeError(InputError):
    """The bytes decode as none of the supported encodings."""

    def __init__(self, source: str, offset: int, detail: str) -> None:
        self.source = source
        """The file name (or ``<bytes>``)."""
        self.offset = offset
        """Byte offset of the first byte that no encoding accepts."""
        self.detail = detail
        """What the decoders said."""
        super().__init__(f"{source}: cannot decode byte offset {offset}: {detail}")


class PluginError(GovreportError):
    """A plugin failed or registered something invalid; the message names the plugin."""

    def __init__(self, plugin: str, hook: str, message: str) -> None:
        self.plugin = plugin
        """Name of the plugin at fault."""
        self.hook = hook
        """The hook or extractor that was running."""
        super().__init__(f"plugin {plugin!r} failed in {hook}: {message}")
