"""Time the network pipeline against plain networkx, per map size, with peak memory.

    python bench/run.py                          # S and M (about a minute)
    python bench/run.py S M L                    # L's networkx baseline takes minutes
    python bench/run.py L --baseline-periods 2   # baseline on 2 periods, scaled up

The pipeline is what the network page needs for a map: every node measure for
every period on the fixed roster plus communities (``measures_table``), the
network-level figures (``summary_table``) and the trends. The baseline
computes the same numbers with plain networkx calls (``bench/baseline.py``: no
backend, no SciPy shortcut, no caching); summary and trends run the same code
in both. Layout and the ego report are timed apart (once per map / per view).

Each run is a fresh subprocess, so its peak memory (``ru_maxrss``, which
includes Python, the libraries and the generated dataset) is its own. CPU
seconds are shown too: they include the backend's worker threads, and they
are less sensitive than wall time to other load on the machine. With
``--baseline-periods K`` the baseline measures only K periods; its time is
scaled to all periods (marked ``~``) and the numbers are compared on those K.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COMPARED = ["degree", "strength", "betweenness", "closeness", "eigenvector", "pagerank",
            "influence"]


def _clock():
    return time.perf_counter(), time.process_time()


def _since(start) -> dict:
    wall, cpu = _clock()
    return {"wall": wall - start[0], "cpu": cpu - start[1]}


def worker(size: str, mode: str, baseline_periods: int | None, out: Path) -> None:
    """Run one mode on one size; write timings (JSON) and the measures (pickle)."""
    import baseline
    from make_maps import make_map

    from csvcore.contract.mapkey import period_labels
    from csvcore.graph.build import build_graph
    from csvcore.graph.layout import layout
    from csvcore.graph.measures import betweenness_backend, measures_table
    from csvcore.network_map.ego import ego_report
    from csvcore.network_map.trends import trends
    from csvcore.network_map.whole import summary_table

    ds = make_map(size)
    periods = period_labels(ds)
    result = {"size": size, "mode": mode, "organizations": len(ds.organizations),
              "rows": len(ds.relationships), "periods": len(periods),
              "backend": betweenness_backend() if mode == "fast" else "networkx"}
    arcs = [build_graph(ds, period=p).number_of_edges() for p in periods]
    result["edges_per_period"] = [min(arcs), max(arcs)]
    start = _clock()
    if mode == "fast":
        measures = measures_table(ds)
    else:
        measures = baseline.measures_table(ds, periods=periods[:baseline_periods])
    result["measures"] = _since(start)
    if measures["period"].nunique() == len(periods):
        start = _clock()
        summary_table(ds, measures=measures)
        trends(measures)
        result["summary_trends"] = _since(start)
    if mode == "fast":
        start = _clock()
        layout(ds)
        result["layout"] = _since(start)
        start = _clock()
        ego_report(ds, measures=measures)
        result["ego"] = _since(start)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    measures.to_pickle(out.with_suffix(".pkl"))
    out.write_text(json.dumps(result))


def _run(size, mode, baseline_periods, folder) -> tuple[dict, object]:
    import pandas as pd

    out = Path(folder) / f"{size}-{mode}.json"
    command = [sys.executable, __file__, "--worker", size, mode, str(out)]
    if baseline_periods:
        command += ["--baseline-periods", str(baseline_periods)]
    subprocess.run(command, check=True)
    return json.loads(out.read_text()), pd.read_pickle(out.with_suffix(".pkl"))


def _compare(fast, slow) -> tuple[float, bool]:
    """Return the largest difference in COMPARED; True when ranks and communities agree."""
    both = fast.merge(slow, on=["period", "id"], suffixes=("", "_ref"))
    diff = max(float((both[c] - both[c + "_ref"]).abs().max()) for c in COMPARED)
    same = bool((both["rank"] == both["rank_ref"]).all()
                and (both["community"] == both["community_ref"]).all())
    return diff, same


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["S", "M"])
    parser.add_argument("--baseline-periods", type=int, default=None,
                        help="run the baseline on this many periods only and scale its time")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        size, mode, out = args.worker
        worker(size, mode, args.baseline_periods, Path(out))
        return

    print(f"{'size':4} {'orgs':>5} {'rows':>6} {'per':>3} {'edges/period':>13} "
          f"{'csvcore s (cpu)':>16} {'networkx s (cpu)':>18} {'ratio (cpu)':>14} "
          f"{'peak MB':>13} {'max|diff|':>9} {'same':>5} {'layout s':>8} {'ego s':>6}",
          flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            fast, fast_table = _run(size, "fast", None, folder)
            slow, slow_table = _run(size, "baseline", args.baseline_periods, folder)
            pipeline = {k: fast["measures"][k] + fast["summary_trends"][k]
                        for k in ("wall", "cpu")}
            if "summary_trends" in slow:
                reference = {k: slow["measures"][k] + slow["summary_trends"][k]
                             for k in ("wall", "cpu")}
                mark = " "
            else:  # scale the measured periods up; summary and trends are the same code
                share = fast["periods"] / slow_table["period"].nunique()
                reference = {k: slow["measures"][k] * share + fast["summary_trends"][k]
                             for k in ("wall", "cpu")}
                mark = "~"
            diff, same = _compare(fast_table, slow_table)
            print(f"{size:4} {fast['organizations']:>5} {fast['rows']:>6} {fast['periods']:>3} "
                  f"{'%d-%d' % tuple(fast['edges_per_period']):>13} "
                  f"{pipeline['wall']:>7.1f} ({pipeline['cpu']:>6.1f}) "
                  f"{mark}{reference['wall']:>7.1f} ({reference['cpu']:>7.1f}) "
                  f"{reference['wall'] / pipeline['wall']:>5.1f}x "
                  f"({reference['cpu'] / pipeline['cpu']:>5.1f}x) "
                  f"{fast['peak_mb']:>5.0f} /{slow['peak_mb']:>6.0f} {diff:>9.1e} "
                  f"{'yes' if same else 'NO':>5} "
                  f"{fast['layout']['wall']:>8.1f} {fast['ego']['wall']:>6.2f}", flush=True)
    print(f"\nbetweenness: {fast['backend']}. peak MB: csvcore run / networkx run. same: "
          "identical influence ranks and communities in every period compared. "
          "edges: arcs (these maps are directed).")
    if args.baseline_periods:
        print(f"~: networkx measured on {args.baseline_periods} period(s), time scaled to all.")


if __name__ == "__main__":
    main()
