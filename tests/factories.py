"""factory_boy factories for units, users, leaders and directives, and a helper that registers tasks.

Task state is written only by the actions (`vic.tasks.actions`): `register_tasks` below builds a
`TaskSpec` and goes through `create_tasks` / `deliver_tasks`, never through the ORM.
"""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from vic.core import clock
from vic.directives.models import Directive, DirectiveKind
from vic.tasks.actions import create_tasks, deliver_tasks
from vic.tasks.models import Task
from vic.tasks.specs import TaskSpec
from vic.units.models import Leader, LeaderPosition, Role, Unit, UnitKind, User

D = datetime.date.fromisoformat


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Sở thử nghiệm số {n}")
    short_name = ""
    kind = UnitKind.DEPARTMENT
    code = factory.Sequence(lambda n: f"don-vi-{n}")
    order = factory.Sequence(lambda n: n)


class UserFactory(DjangoModelFactory):
    """A user with a role; `UserFactory(office_clerk=True)` and friends pick the role by trait."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@laichau.gov.vn")
    role = Role.UNIT_OFFICER
    unit = None
    is_active = True
    # No password hashing (argon2 is slow on purpose): these users never log in through a form.
    password = factory.PostGenerationMethodCall("set_unusable_password")

    class Params:
        office_clerk = factory.Trait(role=Role.OFFICE_CLERK)
        monitoring_officer = factory.Trait(role=Role.MONITORING_OFFICER)
        office_department_head = factory.Trait(role=Role.OFFICE_DEPARTMENT_HEAD)
        office_leader = factory.Trait(role=Role.OFFICE_LEADER)
        provincial_leader = factory.Trait(role=Role.PROVINCIAL_LEADER)
        unit_officer = factory.Trait(role=Role.UNIT_OFFICER)
        unit_head = factory.Trait(role=Role.UNIT_HEAD)
        admin = factory.Trait(role=Role.ADMIN)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class LeaderFactory(DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"Lê Văn {n}")
    position = LeaderPosition.VICE_CHAIRMAN
    field = "Kinh tế"
    active = True


def directive_kind(name: str = "Công văn") -> DirectiveKind:
    """One of the kinds seeded by the migration (Decree 30/2020 art. 7): never created by tests."""
    return DirectiveKind.objects.get(name=name)


class DirectiveFactory(DjangoModelFactory):
    """A directive row as `register_directive` would leave it (derived columns filled)."""

    class Meta:
        model = Directive

    kind = factory.LazyFunction(directive_kind)
    number = factory.Sequence(lambda n: str(100 + n))
    symbol = "UBND-TH"
    issuer = "Ủy ban nhân dân tỉnh Lai Châu"
    issue_date = D("2026-01-05")
    abstract = factory.Sequence(lambda n: f"Về việc triển khai nhiệm vụ số {n}")
    signer_name = "[Người ký]"
    signer_position = "Phó Chủ tịch"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        directive = model_class(*args, **kwargs)
        directive.fill_derived()
        directive.save()
        return directive


def make_spec(lead_units, content: str = "Báo cáo kết quả giải ngân vốn đầu tư công", **fields) -> TaskSpec:
    if not isinstance(lead_units, list | tuple):
        lead_units = [lead_units]
    fields.setdefault("deadline", D("2026-03-20"))
    return TaskSpec(content=content, lead_units=list(lead_units), **fields)


def register_tasks(
    user,
    lead_units,
    *,
    directive: Directive | None = None,
    deliver_on: datetime.date | None = None,
    **spec_fields,
) -> list[Task]:
    """Register one instruction (one task per lead unit) through `create_tasks`; deliver it on a day if asked."""
    directive = directive or DirectiveFactory()
    tasks = create_tasks(user, directive, [make_spec(lead_units, **spec_fields)])
    if deliver_on is not None:
        with clock.at(deliver_on):
            deliver_tasks(user, tasks)
    return list(Task.objects.filter(pk__in=[t.pk for t in tasks]).order_by("pk"))


# A minimal real PDF (one empty page, with its cross-reference table): what a scanner uploads; pypdf opens it.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n164\n%%EOF\n"
)


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word file with these paragraphs (an administrator's template upload, a unit's report…)."""
    import io

    from docx import Document

    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx_bytes(*rows) -> bytes:
    """A real Excel workbook with these rows (a tracking sheet, a report)."""
    import io

    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
