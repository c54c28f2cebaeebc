"""`vic demo`: the demo province, its people, the sample documents and a year of invented history.

Deterministic (fixed random seed) and idempotent: nothing is loaded into a database that has units.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat

from vic.directives.models import Directive
from vic.tasks.models import Task
from vic.units.models import Unit, UnitKind, User

from .checks import load_checks
from .documents import load_samples
from .generated import load_generated
from .people import load_people
from .province import load_units
from .reminders import load_reminders
from .reports import load_reports
from .workflow import load_workflow

SEED = 20260415


@dataclass
class Summary:
    units: int = 0
    users: int = 0
    directives: int = 0
    tasks: int = 0
    external_units: list[str] = field(default_factory=list)


def is_loaded() -> bool:
    """True when the database already has a unit tree (demo or real): `vic demo` then does nothing."""
    return Unit.objects.exists()


def refuse_real_work() -> None:
    """`vic demo --size` and `vic bench` bulk-insert synthetic tasks: never into a province's real database."""
    from django.core.management.base import CommandError
    from django.utils.translation import gettext as _

    if is_loaded() and not is_demo():
        raise CommandError(
            _(
                "Chỉ thêm nhiệm vụ sinh ngẫu nhiên vào CSDL trống hoặc CSDL dữ liệu mẫu (CSDL này có danh mục "
                "đơn vị thật). Dùng CSDL riêng, ví dụ: VIC_VAR_DIR=/tmp/vic-bench .venv/bin/vic bench"
            ),
            returncode=2,
        )


def is_demo() -> bool:
    """True when the database holds the demo province (its clerk's login and Phòng Quản lý ngân sách of Sở
    Tài chính), not a province's real work."""
    from vic.units.models import User

    return (
        User.objects.filter(username="vanthu").exists()
        and Unit.objects.filter(code="stc-phong-qlns").exists()
    )


DEMO_MAIL_DOMAIN = "@demo.vic.local"


@transaction.atomic
def load() -> Summary:
    """Load everything; the caller checks `is_loaded()` first."""
    rng = random.Random(SEED)
    units = load_units()
    people = load_people(units)
    load_samples(people, rng)
    load_generated(people, rng)
    load_workflow(people, rng)
    load_checks(people)
    load_reports(people)  # before the reminder scans, which skip the units that have sent
    load_reminders()
    # Every demo login gets a mailbox of its own, so the e-mails VIC sends show in the `make run` window
    # (the console back-end); the history replayed above only rang the bell.
    User.objects.filter(email="").update(email=Concat(F("username"), Value(DEMO_MAIL_DOMAIN)))
    return Summary(
        units=Unit.objects.count(),
        users=User.objects.count(),
        directives=Directive.objects.count(),
        tasks=Task.objects.count(),
        external_units=list(Unit.objects.filter(kind=UnitKind.EXTERNAL).values_list("name", flat=True)),
    )
