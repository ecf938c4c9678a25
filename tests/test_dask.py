"""govreport.dask on a local cluster of worker processes: the same rows as a local table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import govreport
from govreport.host import reset_default_hosts

distributed = pytest.importorskip("distributed")
import govreport.dask  # noqa: E402 - after the skip: it needs the dask extra

SERIES = Path(__file__).parent / "data" / "series"
PATHS = sorted(SERIES.glob("state-council-*.txt"))[-4:] + sorted(SERIES.glob("hailar-*.txt"))[:2]


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    # Installed plugins load in the workers as in any process: let them load here too, so
    # that the local table the cluster's rows are checked against is made with the same ones.
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("GOVREPORT_DISABLE_PLUGIN_AUTOLOAD")
        reset_default_hosts()
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, distributed.Client(cluster) as client:
            yield client
    reset_default_hosts()


def test_mentions_frame_on_two_worker_processes_equals_the_local_table(client: object) -> None:
    reports = govreport.dask.read_reports(PATHS)
    frame = reports.mentions_frame().compute().reset_index(drop=True)
    local = govreport.table([govreport.parse_file(path) for path in PATHS]).to_pandas()
    pd.testing.assert_frame_equal(frame, local, check_dtype=False)
    assert list(frame["source"].unique()) == [path.name for path in PATHS]
    workers = client.run(lambda: __import__("os").getpid())  # type: ignore[attr-defined]
    assert len(set(workers.values())) == 2


def test_plugins_load_in_the_workers(client: object) -> None:
    plugins = client.run(  # type: ignore[attr-defined]
        lambda: sorted(info.name for info in govreport.default_host().plugins())
    )
    local = sorted(info.name for info in govreport.default_host().plugins())
    assert list(plugins.values()) == [local, local]
    pytest.importorskip("govreport_water")  # installed beside the core, as the README says
    assert "water" in local


def test_the_bag_holds_reports_in_order_and_other_tables(client: object) -> None:
    reports = govreport.dask.read_reports([SERIES / "hailar-*.txt"], npartitions=3)
    sources = [report.source for report in reports.bag.compute()]
    assert sources == sorted(path.name for path in SERIES.glob("hailar-*.txt"))
    outline = reports.frame("outline").compute()
    assert set(outline["source"]) == set(sources)


def test_a_bad_file_fails_the_computation_with_its_name(client: object, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(govreport.InputError, match=r"missing\.txt: no such file"):
        govreport.dask.read_reports([missing]).bag.compute()
