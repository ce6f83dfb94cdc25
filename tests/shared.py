"""The product side's material in ``../shared`` (validation networks, real files, schemas).

Tests that need it call :func:`shared` (or use the ``shared_dir`` fixture). On a
clone with no ``../shared`` beside it they are skipped; under ``CI=true`` a
missing ``../shared`` fails them, so CI never passes by skipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared(*parts: str) -> Path:
    """Return the path ``../shared/<parts>``; skip (fail under CI=true) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is not available (the product side's ../shared)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI=true needs it", pytrace=False)
        pytest.skip(message, allow_module_level=True)
    return path
