"""Our self-assessment of the six boundary-spanning practices across the five boundaries.

Practices after Ernst & Chrobot-Mason (2011), *Boundary Spanning Leadership*.
"""

from __future__ import annotations

import pandas as pd

from ..contract.schema import BOUNDARIES, PRACTICES

__all__ = [
    "PRACTICE_MEANINGS",
    "assessment_gaps",
]

#: practice -> what it does, in plain words (Ernst & Chrobot-Mason 2011).
PRACTICE_MEANINGS = {
    "buffering": "defining boundaries to create safety: each group's identity and "
                 "resources are protected",
    "reflecting": "understanding boundaries to foster respect: each group sees the others' "
                  "view",
    "connecting": "suspending boundaries to build trust: people meet on neutral ground",
    "mobilizing": "reframing boundaries to develop community: a purpose and identity the "
                  "groups share",
    "weaving": "interlacing boundaries to advance interdependence: groups keep their "
               "identity and work as one",
    "transforming": "cross-cutting boundaries to enable reinvention: new directions no "
                    "group could find alone",
}

def assessment_gaps(assessment: pd.DataFrame) -> pd.DataFrame:
    """Return practice, boundary, current, target and gap = target - current.

    Rows without both levels are left out; the six practices and five
    boundaries come first, in the method's order.

    >>> a = pd.DataFrame({"practice": ["weaving", "buffering"], "boundary": ["geographic"] * 2,
    ...                   "current": [1.0, 3.0], "target": [4.0, 3.0]})
    >>> assessment_gaps(a)[["practice", "gap"]].to_dict("records")
    [{'practice': 'buffering', 'gap': 0.0}, {'practice': 'weaving', 'gap': 3.0}]
    """
    rows = assessment.dropna(subset=["current", "target"])
    rows = rows.assign(gap=rows["target"] - rows["current"],
                       _p=rows["practice"].map(_order(PRACTICES)),
                       _b=rows["boundary"].map(_order(BOUNDARIES)))
    rows = rows.sort_values(["_p", "practice", "_b", "boundary"], kind="stable")
    return rows[["practice", "boundary", "current", "target", "gap"]].reset_index(drop=True)


def _order(known: tuple[str, ...]):
    return lambda value: known.index(value) if value in known else len(known)
