"""``python -m aicost.inputs.assumptions``: print the table of link parameters; with
``--write``, rewrite it in place in docs/links.md (or the given file)."""

from __future__ import annotations

import argparse
from pathlib import Path

from aicost.base import release
from aicost.inputs.assumptions import TABLE_FILE, markdown_table, write_table


def _main() -> None:
    parser = argparse.ArgumentParser(description="The table of link parameters.")
    parser.add_argument(
        "--write",
        nargs="?",
        const=TABLE_FILE,
        type=Path,
        metavar="PATH",
        help=f"rewrite the table in place in PATH (default {TABLE_FILE})",
    )
    args = parser.parse_args()
    tables = release.tables(release.store().current.id)
    if args.write is None:
        print(markdown_table(tables))
    else:
        changed = write_table(args.write, tables)
        print(f"{args.write}: {'table rewritten' if changed else 'table already current'}")


if __name__ == "__main__":
    _main()
