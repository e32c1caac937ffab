"""``python -m aicost.inputs.assumptions``: print the README's parameter table; with ``--readme``,
rewrite it in place in README.md (or the given file)."""

from __future__ import annotations

import argparse
from pathlib import Path

from aicost.base import release
from aicost.inputs.assumptions import markdown_table, write_readme


def _main() -> None:
    parser = argparse.ArgumentParser(description="The link parameters' table, for README.md.")
    parser.add_argument(
        "--readme",
        nargs="?",
        const="README.md",
        type=Path,
        metavar="PATH",
        help="rewrite the table in place in PATH (default README.md)",
    )
    args = parser.parse_args()
    tables = release.tables(release.store().current.id)
    if args.readme is None:
        print(markdown_table(tables))
    else:
        changed = write_readme(args.readme, tables)
        print(f"{args.readme}: {'table rewritten' if changed else 'table already current'}")


if __name__ == "__main__":
    _main()
