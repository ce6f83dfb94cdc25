"""Seeded generator of realistic stakeholder maps, for benchmarks.

    python bench/make_maps.py M --out /tmp/maps [--xlsx]

writes ``M_organizations.csv`` and ``M_relationships.csv`` (and one ``M.xlsx``
with both sheets) so that import can be timed too; :func:`make_map` returns
the :class:`csvcore.contract.dataset.Dataset` directly.

Sizes (``ties`` counts rows of the relationships table, as a user's file
would have them):

====  =============  =====  =======
size  organizations  ties   periods
====  =============  =====  =======
S     120            400    4
M     1,000          5,000  8
L     5,000          25,000 10
====  =============  =====  =======

What makes the maps realistic:

- sectors in typical proportions (NGOs and businesses most, multilaterals
  few) and geographies; organizations sit in communities (about 50 members
  each) that mostly share a home geography, and 80% of ties stay inside a
  community;
- heavy-tailed activity (Pareto, shape 1.5): a few hubs, many organizations
  with one or two ties;
- tie types with direction as in practice: ``funding`` (directed, mostly
  from funders and government), ``advocacy`` (directed), ``collaboration``
  and ``information`` (undirected); 8% of pairs have a second type; strength
  1 to 5;
- churn: 15% of organizations enter after the first period, 10% leave before
  the last; half of the ties between organizations present throughout are
  standing ties written once with an empty period (= every period), the
  others live for a run of about 2.5 periods, one row per period;
- a quarter of the ties belong to one of two named challenges, the rest to
  every challenge; one mid-to-high-activity business is marked as ours.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from csvcore.contract.dataset import Dataset  # noqa: E402

SIZES = {
    "S": {"orgs": 120, "ties": 400, "periods": 4},
    "M": {"orgs": 1_000, "ties": 5_000, "periods": 8},
    "L": {"orgs": 5_000, "ties": 25_000, "periods": 10},
}
SECTORS = {"NGO": 0.25, "Business": 0.25, "Government": 0.15, "Academic": 0.10,
           "Community": 0.10, "Funder": 0.07, "Media": 0.05, "Multilateral": 0.03}
TYPES = {"collaboration": (0.5, False), "information": (0.3, False),
         "advocacy": (0.2, True)}  # type: (probability, directed); funding apart
CHALLENGES = ("Water access", "Youth skills")


def make_frames(orgs: int, ties: int, periods: int, seed: int = 1):
    """Return (organizations, relationships, period labels) of a synthetic map."""
    rng = np.random.default_rng(seed)
    n, P = orgs, periods
    sector = rng.choice(list(SECTORS), size=n, p=list(SECTORS.values()))
    n_geo = max(3, int(n ** 0.5 / 3))
    community = rng.integers(0, max(3, n // 50), size=n)
    home = rng.integers(0, n_geo, size=community.max() + 1)
    geography = np.where(rng.random(n) < 0.7, home[community], rng.integers(0, n_geo, size=n))
    activity = np.minimum(rng.pareto(1.5, size=n) + 1, n / 10)
    enter = np.where(rng.random(n) < 0.85, 0, rng.integers(1, max(2, P), size=n))
    leave = np.where(rng.random(n) < 0.90, P, enter + 1 + rng.integers(0, P, size=n))
    leave = np.minimum(leave, P)

    members = [np.flatnonzero(community == c) for c in range(community.max() + 1)]
    cumulative = [np.cumsum(activity[m]) for m in members]
    everyone = np.cumsum(activity)

    def pick(pool, weights):
        return pool[min(np.searchsorted(weights, rng.random() * weights[-1]), len(pool) - 1)]

    labels = [str(2015 + p) for p in range(P)]
    rows, pairs = [], set()
    while len(rows) < ties:
        a = pick(np.arange(n), everyone)
        c = community[a]
        b = (pick(members[c], cumulative[c]) if rng.random() < 0.8
             else pick(np.arange(n), everyone))
        lo, hi = max(enter[a], enter[b]), min(leave[a], leave[b])
        if a == b or lo >= hi or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        if sector[a] in ("Funder", "Government") and rng.random() < 0.5:
            kinds = [("funding", True)]
        else:
            kinds = [_draw_type(rng)]
        if rng.random() < 0.08:
            kinds.append(_draw_type(rng))
            kinds = list(dict.fromkeys(kinds))
        if lo == 0 and hi == P and rng.random() < 0.5:
            span = [""]
        else:
            first = rng.integers(lo, hi)
            span = labels[first:min(hi, first + rng.geometric(0.4))]
        challenge = rng.choice(CHALLENGES) if rng.random() < 0.25 else ""
        for kind, directed in kinds:
            strength = 1 + rng.binomial(4, 0.35)
            for period in span:
                rows.append((f"o{a:05d}", f"o{b:05d}", period, kind, strength, directed,
                             challenge, rng.choice(["partner survey", "desk research"]),
                             round(rng.uniform(0.5, 1.0), 2)))
    relationships = pd.DataFrame(rows[:ties], columns=[
        "source", "target", "period", "type", "strength", "directed", "challenge",
        "reported_by", "confidence"])

    ids = [f"o{i:05d}" for i in range(n)]
    business = np.flatnonzero((sector == "Business") & (enter == 0) & (leave == P))
    target = np.quantile(activity[business], 0.9)
    focal = business[np.argmin(np.abs(activity[business] - target))]
    organizations = pd.DataFrame({
        "id": ids,
        "name": [f"{s} {i:04d}" for i, s in enumerate(sector)],
        "sector": sector,
        "geography": [f"Region {g + 1}" for g in geography],
        "focal": np.arange(n) == focal,
        "size": pd.cut(activity, [0, 1.5, 4, np.inf], labels=["small", "medium", "large"]
                       ).astype(str),
    })
    return organizations, relationships, tuple(labels)


def _draw_type(rng) -> tuple[str, bool]:
    names = list(TYPES)
    kind = names[rng.choice(len(names), p=[TYPES[k][0] for k in names])]
    return kind, TYPES[kind][1]


def make_map(size: str = "M", seed: int = 1) -> Dataset:
    """Return the synthetic map of a size (S, M, L) as a Dataset."""
    organizations, relationships, periods = make_frames(**SIZES[size], seed=seed)
    return Dataset.from_frames(name=f"synthetic {size}", periods=periods,
                               organizations=organizations, relationships=relationships)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=SIZES)
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--xlsx", action="store_true", help="also write one XLSX workbook")
    args = parser.parse_args(argv)
    organizations, relationships, _ = make_frames(**SIZES[args.size], seed=args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    organizations.to_csv(args.out / f"{args.size}_organizations.csv", index=False)
    relationships.to_csv(args.out / f"{args.size}_relationships.csv", index=False)
    if args.xlsx:
        with pd.ExcelWriter(args.out / f"{args.size}.xlsx") as book:
            organizations.to_excel(book, sheet_name="organizations", index=False)
            relationships.to_excel(book, sheet_name="relationships", index=False)
    print(f"{args.size}: {len(organizations)} organizations, {len(relationships)} ties "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
