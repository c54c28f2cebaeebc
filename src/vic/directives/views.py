"""Directive pages: the register-and-deliver flow, the list, a directive with its tasks, its files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vic.core import clock
from vic.core.text import fold
from vic.tasks.actions import deliver_tasks
from vic.tasks.models import Schedule, Task, TaskUrgency
from vic.tasks.specs import TaskSpec
from vic.units.actions import add_external_unit
from vic.units.models import Unit, UnitGroupPhrase, UnitKind
from vic.units.resolve import Gazetteer

from .actions import DuplicateDirective, register_directive
from .forms import DirectiveForm, TaskRowFormSet
from .models import Directive, DirectiveFile

DIRECTIVE_FIELDS = [
    "kind",
    "number",
    "symbol",
    "issuer",
    "issue_date",
    "received_on",
    "abstract",
    "signer_name",
    "signer_position",
    "submitting_unit",
    "urgency",
    "secrecy",
    "notes",
]


def visible_directives(user):
    """A directive is visible to whoever may see at least one of its tasks (the permission queryset)."""
    if user.sees_province:
        return Directive.objects.all()
    return Directive.objects.filter(Exists(Task.objects.visible_to(user).filter(directive=OuterRef("pk"))))


def _default_department(directive_symbol: str):
    code = directive_symbol.rsplit("-", 1)[-1] if "-" in directive_symbol else ""
    return (
        Unit.objects.filter(kind=UnitKind.OFFICE_DEPARTMENT, short_name__iexact=code).first()
        if code
        else None
    )


def _resolve_rows(formset, gazetteer: Gazetteer, create_external: bool) -> list[TaskSpec] | None:
    """Turn task rows into specs; names that match no unit are row errors unless externals may be added."""
    specs, ok = [], True
    for form in formset.forms:
        if not form.has_changed() or form.cleaned_data.get("DELETE"):
            continue
        data = form.cleaned_data
        resolved = {}
        for field in ["lead", "coordinators"]:
            result = gazetteer.resolve(data.get(field, ""))
            if result.unresolved and create_external:
                result.add(add_external_unit(name) for name in result.unresolved)
            elif result.unresolved:
                ok = False
                form.add_error(
                    field,
                    _(
                        "Không tìm thấy đơn vị: %(names)s. Sửa tên, chọn từ danh sách, hoặc đánh dấu "
                        "“thêm đơn vị ngoài tỉnh”."
                    )
                    % {"names": "; ".join(result.unresolved)},
                )
            resolved[field] = result.units
        specs.append(
            TaskSpec(
                content=data["content"],
                lead_units=resolved["lead"],
                coordinating_units=resolved["coordinators"],
                monitoring_department=data.get("monitoring_department"),
                monitoring_officers=[data["monitoring_officer"]] if data.get("monitoring_officer") else [],
                assigning_leader=data.get("assigning_leader"),
                schedule=data["schedule"],
                deadline=data.get("deadline"),
                deadline_kind=data["deadline_kind"],
                frequency=data.get("frequency") or "",
                recurrence_until=data.get("recurrence_until"),
                is_key=data.get("is_key", False),
                urgency=TaskUrgency.URGENT if data.get("urgent") else TaskUrgency.NORMAL,
                expected_output=data.get("expected_output", ""),
                report_to=data.get("report_to", ""),
            )
        )
    return specs if ok else None


@login_required
def register(request):
    if not request.user.can_register:
        raise PermissionDenied
    form = DirectiveForm(request.POST or None, request.FILES or None, initial={"issuer": _default_issuer()})
    formset = TaskRowFormSet(request.POST or None, prefix="tasks")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        deliver = request.POST.get("action") == "deliver"
        try:
            with transaction.atomic():
                specs = _resolve_rows(formset, Gazetteer(), request.POST.get("create_external") == "on")
                if specs is None:
                    raise _RowErrors
                fields = {k: form.cleaned_data[k] for k in DIRECTIVE_FIELDS}
                fields = {
                    k: ("" if v is None and k in ("number", "symbol") else v) for k, v in fields.items()
                }
                for spec in specs:
                    spec.monitoring_department = spec.monitoring_department or _default_department(
                        fields["symbol"]
                    )
                directive = register_directive(
                    request.user, fields, specs=specs, uploads=form.cleaned_data["files"], deliver=deliver
                )
        except _RowErrors:
            pass
        except DuplicateDirective as error:
            url = reverse("directives:detail", args=[error.existing.pk])
            form.add_error(
                None, format_html('{} <a href="{}">{}</a>', error.messages[0], url, _("Mở văn bản"))
            )
        except ValidationError as error:
            _attach_errors(form, error)
        else:
            n = directive.tasks.count()
            messages.success(
                request,
                (
                    _("Đã lưu và chuyển giao %(n)d nhiệm vụ.")
                    if deliver
                    else _("Đã lưu nháp %(n)d nhiệm vụ (chưa chuyển giao).")
                )
                % {"n": n},
            )
            return redirect("directives:detail", pk=directive.pk)
    return render(
        request,
        "directives/register.html",
        {
            "form": form,
            "formset": formset,
            "unit_names": _unit_names(),
            "schedule_dated": Schedule.DATED,
        },
    )


class _RowErrors(Exception):
    """Raised inside the transaction to undo external units added for a page that still has errors."""


def _attach_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errs:
                form.add_error(target, e)
    else:
        form.add_error("files" if getattr(error, "code", "").startswith("file") else None, error)


def _default_issuer() -> str:
    province = Unit.objects.filter(kind=UnitKind.PROVINCE).first()
    return province.name if province else ""


def _unit_names() -> list[str]:
    names = []
    for unit in Unit.objects.assignable().valid_on(clock.today()).only("name", "short_name"):
        names.append(unit.name)
        if unit.short_name:
            names.append(unit.short_name)
    names += list(UnitGroupPhrase.objects.values_list("phrase", flat=True))
    return sorted(set(names), key=fold)


@login_required
def resolve_preview(request):
    """HTMX: show which units a typed lead/coordinator text stands for, before saving."""
    text = next((v for k, v in request.GET.items() if k.endswith("lead") or k.endswith("coordinators")), "")
    result = Gazetteer().resolve(text)
    return render(request, "directives/_resolve_preview.html", {"result": result, "text": text})


@login_required
def directive_list(request):
    qs = visible_directives(request.user).select_related("kind").annotate(n_tasks=Count("tasks"))
    q = request.GET.get("q", "")
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    page = Paginator(qs.order_by("-issue_date", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "directives/list.html", {"page": page, "q": q, "query": f"q={q}"})


@login_required
def directive_detail(request, pk):
    directive = get_object_or_404(
        visible_directives(request.user).select_related("kind", "submitting_unit"), pk=pk
    )
    tasks = (
        Task.objects.visible_to(request.user)
        .filter(directive=directive)
        .with_status(clock.today())
        .select_related("lead_unit", "directive", "directive__kind")
        .prefetch_related("coordinating_units", "monitoring_officers")
        .order_by("id")
    )
    drafts = [t for t in tasks if t.delivered_on is None and t.withdrawn_on is None]
    return render(
        request,
        "directives/detail.html",
        {
            "directive": directive,
            "tasks": tasks,
            "drafts": drafts,
            "files": directive.files.all(),
            "can_register": request.user.can_register,
        },
    )


@login_required
@require_POST
def deliver_all(request, pk):
    directive = get_object_or_404(visible_directives(request.user), pk=pk)
    done = deliver_tasks(
        request.user, list(directive.tasks.filter(delivered_on__isnull=True, withdrawn_on__isnull=True))
    )
    messages.success(request, _("Đã chuyển giao %(n)d nhiệm vụ.") % {"n": len(done)})
    return redirect("directives:detail", pk=pk)


@login_required
def download_file(request, pk):
    record = get_object_or_404(DirectiveFile, pk=pk)
    if not visible_directives(request.user).filter(pk=record.directive_id).exists():
        raise Http404
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)
