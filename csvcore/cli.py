"""Command line: ``python -m csvcore validate|measures|summary|export FILE...``.

Each subcommand is one function registered with :func:`command`; its
docstring's first line is its help. To add one::

    @command(FILES)
    def summary(args) -> int:
        \"\"\"Print a summary of an upload.\"\"\"

Exit codes: 0 the upload is usable (warnings allowed), 1 it has errors, 2
nothing could be read (unreadable files, or a file not found). ``measures``
and ``summary`` print the report's errors to stderr when they cannot run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .contract.dataset import Dataset
from .contract.mapkey import MapKey
from .io.export.formats import FORMATS
from .io.export.formats import export as export_file
from .io.export.workbook import frame_csv, frames_xlsx
from .io.importer import read_upload_paths

__all__ = ["main", "command", "FILES", "summary_line"]

OK, ERRORS, UNREADABLE = 0, 1, 2

_COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], tuple]] = {}

#: The FILE... argument: files read together as one upload.
FILES = (("files",), {"nargs": "+", "metavar": "FILE",
                      "help": "files read together as one upload (XLSX, CSV, zip, GEXF, ...)"})


def command(*arguments: tuple[tuple, dict]):
    """Register the decorated function as a subcommand named after it."""
    def register(func: Callable[[argparse.Namespace], int]):
        _COMMANDS[func.__name__] = (func, arguments)
        return func
    return register


@command(FILES)
def validate(args: argparse.Namespace) -> int:
    """Read FILE... as one upload and print the validation report."""
    upload = read_upload_paths(args.files)
    for finding in upload.report.errors + upload.report.warnings:
        print(finding.as_text())
    if upload.dataset is not None:
        print(summary_line(upload.dataset))
        return OK
    print("No dataset: the upload has errors." if upload.tables else
          "Nothing could be read.")
    return ERRORS if upload.tables else UNREADABLE


PERIOD = (("--period",), {"help": "one period (default: every period)"})
CHALLENGE = (("--challenge",), {"help": "one challenge (default: the ties of every challenge)"})
OUT = (("--out",), {"metavar": "F.csv|F.xlsx", "help": "write a file instead of printing CSV"})


@command(FILES, PERIOD, CHALLENGE, OUT)
def measures(args: argparse.Namespace) -> int:
    """Print every node measure (degree ... influence) for every period, or write it to --out."""
    from .graph.measures import measures_table

    return _table_command(args, lambda ds: measures_table(ds, MapKey(args.challenge),
                                                          args.period))


@command(FILES, CHALLENGE, OUT)
def summary(args: argparse.Namespace) -> int:
    """Print the network-level figures (density, reciprocity, centralization ...) per period."""
    from .network_map.whole import summary_table

    return _table_command(args, lambda ds: summary_table(ds, MapKey(args.challenge)))


def _table_command(args: argparse.Namespace, make) -> int:
    """Read the upload, build a table with ``make(dataset)``, print it or write --out."""
    dataset = _dataset(args)
    if not isinstance(dataset, Dataset):
        return dataset
    table = make(dataset)
    if args.out is None:
        sys.stdout.write(frame_csv(table).decode("utf-8-sig"))
    elif args.out.lower().endswith(".xlsx"):
        Path(args.out).write_bytes(frames_xlsx({args.run.__name__: table}))
    else:
        Path(args.out).write_bytes(frame_csv(table))
    return OK


def _dataset(args: argparse.Namespace) -> Dataset | int:
    """Return the upload's dataset, or the exit code after printing why there is none.

    A --period, --challenge or --org the data does not have is an error (exit 1).
    """
    upload = read_upload_paths(args.files)
    if upload.dataset is None:
        for finding in upload.report.errors:
            print(finding.as_text(), file=sys.stderr)
        return ERRORS if upload.tables else UNREADABLE
    dataset = upload.dataset
    known = {"period": dataset.periods, "challenge": dataset.challenge_names,
             "org": list(dataset.organizations["id"])}
    for name, values in known.items():
        wanted = getattr(args, name, None)
        if wanted is not None and wanted not in values:
            shown = ", ".join(values[:20]) + (", ..." if len(values) > 20 else "")
            print(f"No {name} {wanted!r}; the data has: {shown or 'none'}.", file=sys.stderr)
            return ERRORS
    return dataset


FORMAT = (("--format",), {"required": True, "choices": list(FORMATS),
                          "help": "the kind of file: " + "; ".join(
                              f"{f.name}: {f.label}" for f in FORMATS.values())})
ORG = (("--org",), {"metavar": "ID", "help": "our organization (default: the one marked focal)"})
FILTERS = [
    (("--sector",), {"action": "append", "metavar": "S", "help": "keep these sectors (repeat)"}),
    (("--geography",), {"action": "append", "metavar": "G",
                        "help": "keep these geographies (repeat)"}),
    (("--type",), {"action": "append", "metavar": "T", "dest": "types",
                   "help": "keep these tie types (repeat)"}),
    (("--min-strength",), {"type": float, "metavar": "N",
                           "help": "keep merged ties of at least this strength"}),
]
EXPORT_OUT = (("--out",), {"required": True, "metavar": "F", "help": "the file to write"})
EXPORT_PERIOD = (("--period",), {"help": "the period in view (default: the latest; for xlsx "
                                         "and csv: every period)"})


@command(FILES, FORMAT, CHALLENGE, EXPORT_PERIOD, ORG, *FILTERS, EXPORT_OUT)
def export(args: argparse.Namespace) -> int:
    """Write one export of a map (gexf, graphml, kumu, xlsx, csv) to --out."""
    dataset = _dataset(args)
    if not isinstance(dataset, Dataset):
        return dataset
    key = MapKey(args.challenge, sectors=args.sector, geographies=args.geography,
                 types=args.types, min_strength=args.min_strength)
    Path(args.out).write_bytes(export_file(dataset, args.format, key, args.period, args.org))
    print(f"Wrote {args.out} ({FORMATS[args.format].label}, {key.describe()}).")
    return OK


def summary_line(dataset: Dataset) -> str:
    """Return e.g. 'organizations: 120, ties: 900, periods: 2018..2024'."""
    periods = dataset.periods
    span = "none" if not periods else periods[0] if len(periods) == 1 else \
        f"{periods[0]}..{periods[-1]}"
    parts = [f"organizations: {len(dataset.organizations)}",
             f"ties: {len(dataset.relationships)}", f"periods: {span}"]
    parts += [f"{table}: {len(getattr(dataset, table))}"
              for table in ("challenges", "scenarios", "assessment")
              if len(getattr(dataset, table))]
    return ", ".join(parts)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with one subparser per registered command."""
    parser = argparse.ArgumentParser(prog="python -m csvcore",
                                     description="Shared Value Navigator data tools.")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name, (func, arguments) in _COMMANDS.items():
        help_text = (func.__doc__ or "").strip().splitlines()[0]
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        for names, options in arguments:
            sub.add_argument(*names, **options)
        sub.set_defaults(run=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    return args.run(args)
