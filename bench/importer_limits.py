"""Time how fast the importer turns away input over its limits.

    python bench/importer_limits.py            # each case 5 times, the median is printed

The tests check *that* each case is rejected and how (tests/test_importer_formats.py);
this script checks that rejection stays cheap: an oversized file is refused without
parsing, a zip bomb without inflating, a 10,000-column header without building the
table. The baseline, measured in the same run, is the import of a valid three-tie
CSV file, the least work an upload can cause; each case is printed as seconds and as a
ratio to it, beside the target (seconds on an idle machine) the tests used to assert.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from csvcore.contract.schema import LIMITS  # noqa: E402
from csvcore.io.importer import load_files  # noqa: E402

MB = 1024 * 1024
SMALL = b"source,target,weight\nA,B,2\nB,C,1\nC,A,1\n"


def oversized_csv() -> bytes:
    """A tie list just over the per-file size limit."""
    return b"source,target\n" + b"a,b\n" * ((LIMITS["upload_mb"] * MB) // 4 + 10)


def zip_bomb() -> bytes:
    """A small archive whose member inflates past LIMITS['unzipped_mb']."""
    buffer = io.BytesIO()
    chunk = b"0" * MB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("ties.csv", "w", force_zip64=True) as member:
            member.write(b"source,target\n")
            for _ in range(LIMITS["unzipped_mb"] + 1):
                member.write(chunk)
    return buffer.getvalue()


def wide_csv() -> bytes:
    """A header of 10,000 columns and one row (the limit is LIMITS['columns'])."""
    header = ",".join(f"c{i}" for i in range(10_000))
    return (header + "\n" + ",".join(["x"] * 10_000) + "\n").encode()


#: name -> (file name, bytes builder, target seconds the tests used to assert, expected error)
CASES = {
    "file over the size limit": ("huge.csv", oversized_csv, 0.5, "MB"),
    "zip bomb": ("bomb.zip", zip_bomb, 0.5, "zip bombs"),
    "10,000 columns": ("wide.csv", wide_csv, 1.0, "columns"),
}


def median_seconds(name: str, data: bytes, repeat: int) -> float:
    """Median wall seconds of ``load_files([(name, data)])`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load_files([(name, data)])
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    dataset, report = load_files([("small.csv", SMALL)])
    assert dataset is not None, report.as_text()
    base = median_seconds("small.csv", SMALL, args.repeat)
    print(f"baseline: a valid three-tie CSV imports in {base * 1000:.2f} ms (median of "
          f"{args.repeat})\n")
    print(f"{'case':<28}{'input MB':>9}{'seconds':>10}{'x baseline':>12}{'target s':>10}  ok")
    for case, (name, build, target, expected) in CASES.items():
        data = build()
        dataset, report = load_files([(name, data)])
        assert dataset is None and expected in report.errors[0].message, report.as_text()
        seconds = median_seconds(name, data, args.repeat)
        print(f"{case:<28}{len(data) / MB:>9.1f}{seconds:>10.4f}{seconds / base:>12.1f}"
              f"{target:>10.1f}  {'yes' if seconds < target else 'NO'}")


if __name__ == "__main__":
    main()
