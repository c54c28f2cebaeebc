"""The `vic` command: every subcommand is a Django management command of one of VIC's apps.

`vic serve`, `vic demo`, `vic calendar add-working-days 2026-02-13 1`, `vic migrate`… ;
`vic manage <command>` is accepted too, for symmetry with manage.py.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "manage":
        args = args[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vic.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vic", *args])


if __name__ == "__main__":
    main()
