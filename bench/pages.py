"""Time the dashboard as a user meets it: import, first page view, warm page changes.

    python bench/pages.py            # S and M
    python bench/pages.py S M L      # adds L (its first network-map view computes ~30 s)

For each size the generated map is written as CSV files and read back through
the importer (as an upload is), loaded into a Streamlit AppTest session, and
the network map's six views and the leadership page's six sections are shown
twice: the first pass computes and fills the caches, the second is the warm page
change a user waits for (target: under 0.5 s, once asserted in the tests for the
leadership what-if). Server time only (AppTest runs the script without a
browser). The baseline is the home page's rerun in the same session, a page that
computes almost nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_maps import make_frames  # noqa: E402
from csvcore.io.importer import load_paths  # noqa: E402

VIEWS = ["Central players", "Over time", "Our position", "Map", "Whole network", "Export"]
SECTIONS = ["Strengths & gaps", "Boundaries", "Brokers", "Partners & what-if", "Dialogue",
            "Executive brief"]
#: page -> (the session-state key of its view control, the views)
PAGES = {"pages/2_network_map.py": ("net_view", VIEWS),
         "pages/3_leadership.py": ("ls_section", SECTIONS)}


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def dataset_from_files(size: str):
    """Write the map as CSV files, read them back through the importer; return (dataset, s)."""
    from bench.make_maps import SIZES

    orgs, rel, _ = make_frames(**SIZES[size])
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "organizations.csv", Path(folder) / "relationships.csv"]
        orgs.to_csv(paths[0], index=False)
        rel.to_csv(paths[1], index=False)
        start = time.perf_counter()
        ds, report = load_paths(paths)
        seconds = time.perf_counter() - start
    assert ds is not None, report.as_text()
    return ds, seconds


def page_times(ds) -> dict[str, float]:
    """Return the server seconds of the home page and of each view of steps 2 and 3, cold
    and warm."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    at.run()
    at.session_state["app_dataset"] = ds
    times = {"home": timed(at.run)}
    times["home again"] = timed(at.run)
    for page, (key, views) in PAGES.items():
        at.switch_page(page)
        for rerun in ("cold", "warm"):
            for view in views:
                at.session_state[key] = view
                times[f"{view} ({rerun})"] = timed(at.run)
                assert not at.exception, at.exception
    return times


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["S", "M"])
    args = parser.parse_args(argv)
    for size in args.sizes:
        ds, read = dataset_from_files(size)
        times = page_times(ds)
        base = times["home again"]
        warm = [times[f"{v} (warm)"] for _, views in PAGES.values() for v in views]
        print(f"\n{size}: {len(ds.organizations):,} organizations, {len(ds.relationships):,} tie "
              f"rows, {len(ds.periods)} periods; import {read:.2f} s")
        print(f"  {'view':<32}{'seconds':>9}{'x home rerun':>14}")
        for name, seconds in times.items():
            print(f"  {name:<32}{seconds:>9.3f}{seconds / base:>14.1f}")
        print(f"  slowest warm page change: {max(warm):.3f} s")


if __name__ == "__main__":
    main()
