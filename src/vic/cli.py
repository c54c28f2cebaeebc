"""The `vic` command: every subcommand is a Django management command of one of VIC's apps.

`vic serve`, `vic demo`, `vic calendar add-working-days 2026-02-13 1`, `vic migrate`… ;
`vic manage <command>` is accepted too, for symmetry with manage.py.
"""

from __future__ import annotations

import os
import sys

# Commands that must not create or touch the database on their own.
_NO_AUTO_MIGRATE = {"migrate", "makemigrations", "sqlmigrate", "showmigrations", "help", "check", "shell",
                    "collectstatic", "compilemessages", "makemessages", "test"}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "manage":
        args = args[1:]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vic.settings")
    import django
    from django.core.management import call_command, execute_from_command_line, get_commands
    from django.db import DatabaseError

    django.setup()
    if not args or args in (["help"], ["-h"], ["--help"]):
        sys.exit(_overview())
    if not args[0].startswith("-") and args[0] != "help" and args[0] not in get_commands():
        from django.utils.translation import gettext as _

        sys.stderr.write(
            _("Không có lệnh “%(name)s”. Gõ .venv/bin/vic để xem các lệnh.\n") % {"name": args[0]}
        )
        sys.exit(2)
    if args and args[0] not in _NO_AUTO_MIGRATE and not args[0].startswith("-") and _embedded_db_outdated():
        # The embedded SQLite default is created and kept current on use, so `vic calendar …` works on a
        # fresh install. A server database (DATABASE_URL) is migrated only on purpose (`vic migrate`).
        call_command("migrate", interactive=False, verbosity=0)
    try:
        execute_from_command_line(["vic", *args])
    except DatabaseError as error:
        from django.utils.translation import gettext as _

        sys.stderr.write(
            _(
                "Lỗi cơ sở dữ liệu: %(error)s\nCSDL chưa được tạo hoặc chưa cập nhật? Chạy: .venv/bin/vic migrate\n"
            )
            % {"error": error}
        )
        sys.exit(2)


def _overview() -> int:
    """`vic` alone: VIC's own commands in Vietnamese (Django's English list is `vic help --commands`)."""
    from django.core.management import get_commands, load_command_class
    from django.utils.translation import gettext as _

    out = [
        _("Cách dùng: .venv/bin/vic <lệnh> [tùy chọn]   (.venv/bin/vic <lệnh> --help: hướng dẫn của lệnh)"),
        "",
    ]
    out.append(_("Các lệnh của VIC:"))
    for name, app in sorted(get_commands().items()):
        if app.startswith("vic."):
            out.append(f"  {name:<10} {load_command_class(app, name).help}")
    out += ["", _("Lệnh quản trị Django (migrate, createsuperuser, …): .venv/bin/vic help --commands")]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _embedded_db_outdated() -> bool:
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("sqlite3"):
        return False
    if not os.path.exists(db["NAME"]):
        return True
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


if __name__ == "__main__":
    main()
