"""Programs some tests run (Debian packages that ``tests/run_all.sh`` installs).

:func:`program` returns a program's path; without it the test is skipped, and
under ``CI=true`` it fails, so CI never passes by skipping.
"""

from __future__ import annotations

import os
import shutil

import pytest


def program(name: str, package: str) -> str:
    """Return the path of ``name``; skip (fail under CI=true) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install {package})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; CI=true needs it", pytrace=False)
        pytest.skip(message)
    return path
