"""From the rows a clerk typed to task specs: unit names resolved, defaults applied, every row checked.

Kept out of the view so that the API and the directive-extraction work reuse the same rules."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from vic.tasks.actions.register import validate_spec
from vic.tasks.models import TaskUrgency
from vic.tasks.specs import TaskSpec
from vic.units.actions import add_external_unit
from vic.units.models import Unit, UnitKind
from vic.units.resolve import Gazetteer


class RowErrors(Exception):
    """Errors per row index: {index: {field: [message, …]}}."""

    def __init__(self, errors: dict[int, dict[str, list[str]]]):
        self.errors = errors
        super().__init__(errors)


def default_department(symbol: str) -> Unit | None:
    """`UBND-TH` → the Office department "TH", which drafted the letter and usually follows it up."""
    code = symbol.rsplit("-", 1)[-1] if "-" in symbol else ""
    if not code:
        return None
    return Unit.objects.filter(kind=UnitKind.OFFICE_DEPARTMENT, short_name__iexact=code).first()


def refusals(
    gazetteer: Gazetteer, names: list[str], create_external: bool = False
) -> tuple[list[str], list[str]]:
    """Why typed unit names that match no unit cannot be used, in Vietnamese, and the names left to create as
    outside units when `create_external` allows it. The register page's live preview says the same."""
    reserved = [name for name in names if gazetteer.takes_no_task(name)]
    groups = [name for name in names if name not in reserved and gazetteer.looks_like_group(name)]
    others = [name for name in names if name not in reserved and name not in groups]
    messages = []
    if reserved:
        messages.append(
            _(
                "“%(names)s” không nhận nhiệm vụ chủ trì, phối hợp: UBND tỉnh, Văn phòng và các phòng của Văn "
                "phòng giao và theo dõi nhiệm vụ (phòng theo dõi chọn ở ô “Phòng theo dõi”)."
            )
            % {"names": "; ".join(reserved)}
        )
    if groups:
        messages.append(
            _(
                "“%(names)s” chỉ một nhóm đơn vị chưa có trong danh mục: hãy ghi từng đơn vị, hoặc nhờ quản trị "
                "thêm cụm từ này."
            )
            % {"names": "; ".join(groups)}
        )
    if others and not create_external:
        messages.append(
            _(
                "Không tìm thấy đơn vị: %(names)s. Sửa tên, chọn từ danh sách, hoặc đánh dấu “thêm đơn vị ngoài "
                "tỉnh”."
            )
            % {"names": "; ".join(others)}
        )
    return messages, (others if create_external else [])


def _units(gazetteer: Gazetteer, text: str, create_external: bool, errors: dict, field: str) -> list[Unit]:
    result = gazetteer.resolve(text)
    messages, to_create = refusals(gazetteer, result.unresolved, create_external)
    if messages:
        errors.setdefault(field, []).extend(messages)
    result.add(add_external_unit(name) for name in to_create)
    return result.units


def specs_from_rows(
    user,
    rows: list[dict],
    *,
    symbol: str,
    issued: datetime.date,
    document_urgent: bool,
    create_external: bool,
) -> list[TaskSpec]:
    """Rows (the cleaned data of the task rows) → specs; raise RowErrors naming each faulty row."""
    if not (user and user.is_authenticated and user.is_active and user.can_register):
        raise PermissionDenied(_("Bạn không có quyền nhập văn bản giao nhiệm vụ."))
    gazetteer = Gazetteer()
    department = default_department(symbol)
    specs, all_errors = [], {}
    for index, data in rows:
        errors: dict[str, list[str]] = {}
        lead = _units(gazetteer, data.get("lead", ""), create_external, errors, "lead")
        coordinators = _units(
            gazetteer, data.get("coordinators", ""), create_external, errors, "coordinators"
        )
        spec = TaskSpec(
            content=data["content"],
            lead_units=lead,
            coordinating_units=coordinators,
            monitoring_department=data.get("monitoring_department") or department,
            monitoring_officers=[data["monitoring_officer"]] if data.get("monitoring_officer") else [],
            assigning_leader=data.get("assigning_leader"),
            schedule=data["schedule"],
            deadline=data.get("deadline"),
            deadline_kind=data["deadline_kind"],
            frequency=data.get("frequency") or "",
            recurrence_until=data.get("recurrence_until"),
            is_key=data.get("is_key", False),
            # A "Khẩn"/"Hỏa tốc" document makes its tasks urgent: delivered the same day.
            urgency=TaskUrgency.URGENT if data.get("urgent") or document_urgent else TaskUrgency.NORMAL,
            expected_output=data.get("expected_output", ""),
            report_to=data.get("report_to", ""),
        )
        if lead:
            try:
                validate_spec(spec, issued=issued)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
        if errors:
            all_errors[index] = errors
        specs.append(spec)
    if all_errors:
        raise RowErrors(all_errors)
    return specs
