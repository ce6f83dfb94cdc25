"""Edits to challenges and scenarios made on the page, kept as a new Dataset."""

from __future__ import annotations

import pandas as pd

from ..contract.dataset import Dataset, conform
from ..contract.schema import canonical_header
from ..contract.words import quoted

__all__ = ["EditError", "editable_challenges", "apply_edits"]


class EditError(ValueError):
    """Edits that cannot be kept yet; ``problems`` says what to fix, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def editable_challenges(ds: Dataset) -> pd.DataFrame:
    """Return the challenges table plus an empty row for each challenge named only on ties."""
    extra = [c for c in ds.challenge_names if c not in set(ds.challenges["challenge"])]
    rows = ds.challenges.to_dict("records") + [{"challenge": c} for c in extra]
    return conform("challenges", pd.DataFrame(rows, columns=ds.challenges.columns))


def apply_edits(ds: Dataset, challenges: pd.DataFrame, scenarios: pd.DataFrame) -> Dataset:
    """Return ``ds`` with edited challenges and scenarios; other tables are kept as they are.

    ``scenarios`` rows keep the index of the row they edit: a renamed scenario
    renames its score column, a deleted one drops it, a new one adds an empty
    column. Raises :class:`EditError` for a blank or repeated name, a scenario
    named like a challenges column, or a negative probability.

    >>> ds = Dataset.from_frames(organizations=pd.DataFrame({"id": ["a"]}),
    ...     challenges=pd.DataFrame({"challenge": ["W"], "A": [1.0]}),
    ...     scenarios=pd.DataFrame({"scenario": ["A"], "probability": [1.0]}))
    >>> new = apply_edits(ds, ds.challenges, pd.DataFrame({"scenario": ["Z", "B"],
    ...                                                     "probability": [0.5, 0.5]}))
    >>> list(new.challenges.columns[-2:]), new.challenges["Z"].tolist()
    (['Z', 'B'], [1.0])
    """
    challenges = challenges.assign(challenge=challenges["challenge"].map(_name))
    scenarios = scenarios.assign(scenario=scenarios["scenario"].map(_name))
    problems = (_name_problems(challenges["challenge"], "challenge")
                + _name_problems(scenarios["scenario"], "scenario"))
    reserved = [s for s in scenarios["scenario"] if canonical_header("challenges", s)]
    if reserved:
        problems.append(f"A scenario cannot be called {quoted(reserved)}: the challenges "
                        "table uses that name for a column.")
    negative = scenarios.loc[pd.to_numeric(scenarios["probability"], errors="coerce") < 0,
                             "scenario"]
    if len(negative):
        problems.append(f"Probabilities cannot be negative: {quoted(negative)}.")
    if problems:
        raise EditError(problems)
    old = ds.scenarios["scenario"]
    kept = old.index.intersection(scenarios.index)
    renamed = challenges.rename(columns=dict(zip(old[kept], scenarios.loc[kept, "scenario"])))
    names = list(scenarios["scenario"])
    others = [c for c in challenges.columns if c not in set(old) | set(names)]
    return ds.replace(challenges=pd.concat([renamed[others], renamed.reindex(columns=names)],
                                           axis=1),
                      scenarios=scenarios.reset_index(drop=True))


def _name(value) -> str:
    return "" if value is None or value != value else str(value).strip()


def _name_problems(names: pd.Series, what: str) -> list[str]:
    problems = []
    blank = [i + 1 for i, name in enumerate(names) if not name]
    if blank:
        problems.append(f"Give the {what} in row {blank[0]} a name: edits are kept once "
                        f"every {what} has one.")
    repeated = names[names.duplicated() & (names != "")].unique()
    if len(repeated):
        problems.append(f"Each {what} needs its own name: {quoted(repeated)} appears twice.")
    return problems
