"""Command line: ``python -m csvcore validate FILE...``.

Each subcommand is one function registered with :func:`command`; its
docstring's first line is its help. To add one::

    @command(FILES)
    def summary(args) -> int:
        \"\"\"Print a summary of an upload.\"\"\"

Exit codes of ``validate``: 0 the upload is usable (warnings allowed), 1 it has
errors, 2 nothing could be read (unreadable files, or a file not found).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from .dataset import Dataset
from .importer import read_upload_paths

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
