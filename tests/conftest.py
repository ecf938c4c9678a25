"""Core tests run against the built-in plugins only, whatever else is installed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govreport.host import reset_default_hosts


@pytest.fixture(autouse=True, scope="package")
def _builtins_only() -> Iterator[None]:
    # Installed plugins (water terms, party formulations) would change what the core finds;
    # package scope so module-scoped fixtures see it, and the plugins' own tests do not.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVREPORT_DISABLE_PLUGIN_AUTOLOAD", "1")
        reset_default_hosts()
        yield
    reset_default_hosts()
