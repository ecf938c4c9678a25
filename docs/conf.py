"""Sphinx configuration of govreport's documentation site (MyST Markdown, furo)."""

from __future__ import annotations

from importlib import metadata

project = "govreport"
author = "govreport developers"
copyright = "2026, govreport developers"
release = metadata.version("govreport")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "examples/*/README.md"]
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"show-inheritance": False}
# Type names autodoc cannot resolve to a documented page (third-party and private aliases).
nitpicky = False
suppress_warnings = ["myst.xref_missing"]

html_theme = "furo"
html_title = "govreport"
html_static_path: list[str] = []
