"""Directive pages: the register-and-deliver flow, the list, a directive with its tasks, its files."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vic.core import clock
from vic.core.forms import attach, legacy_text_error
from vic.core.text import fold
from vic.tasks.actions import deliver_tasks
from vic.tasks.models import Schedule, Task
from vic.units.models import Unit, UnitGroupPhrase, UnitKind
from vic.units.resolve import Gazetteer

from .actions import AlreadySaved, DuplicateDirective, PossibleDuplicate, register_from_rows
from .forms import DirectiveForm, TaskRowFormSet
from .intake import RowErrors, refusals
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


@login_required
def register(request):
    if not request.user.can_register:
        raise PermissionDenied
    form = DirectiveForm(
        request.POST or None,
        request.FILES or None,
        initial={"issuer": _default_issuer(), "intake_token": uuid.uuid4().hex},
    )
    formset = TaskRowFormSet(request.POST or None, prefix="tasks")
    ask_other_issuer = False
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        deliver = request.POST.get("action") == "deliver"
        data = form.cleaned_data
        rows = [
            (i, f.cleaned_data)
            for i, f in enumerate(formset.forms)
            if f.has_changed() and not f.cleaned_data.get("DELETE")
        ]
        try:
            fields = {k: data[k] for k in DIRECTIVE_FIELDS}
            fields.update(
                number=data["number"] or "",
                symbol=data["symbol"] or "",
                intake_token=data["intake_token"] or None,
            )
            directive = register_from_rows(
                request.user,
                fields,
                rows,
                create_external=request.POST.get("create_external") == "on",
                uploads=data["files"],
                deliver=deliver,
                other_issuer=data["other_issuer"],
                not_secret=data["not_secret"],
            )
        except RowErrors as error:
            for index, errors in error.errors.items():
                for field, messages_ in errors.items():
                    target = field if field in formset.forms[index].fields else None
                    for message in messages_:
                        formset.forms[index].add_error(target, message)
        except AlreadySaved as saved:
            messages.info(request, _("Văn bản đã được lưu từ lần bấm trước; không lưu lại lần nữa."))
            return redirect("directives:detail", pk=saved.directive.pk)
        except DuplicateDirective as error:
            ask_other_issuer = isinstance(error, PossibleDuplicate)
            url = reverse("directives:detail", args=[error.existing.pk])
            form.add_error(
                None, format_html('{} <a href="{}">{}</a>', error.messages[0], url, _("Mở văn bản"))
            )
        except ValidationError as error:
            attach(form, error)
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
            _warn_unfollowed(request, directive)
            return redirect("directives:detail", pk=directive.pk)
    return render(
        request,
        "directives/register.html",
        {
            "form": form,
            "formset": formset,
            "unit_names": _unit_names(),
            "schedule_dated": Schedule.DATED,
            "ask_other_issuer": ask_other_issuer or bool(form.data.get("other_issuer")),
            "ask_not_secret": bool(form.errors.get("not_secret")) or bool(form.data.get("not_secret")),
            # Browsers never send a chosen file again: say which ones must be chosen anew (not a refused one:
            # its error beside the field says why).
            "reselect": [f.name for f in request.FILES.getlist("files")]
            if request.method == "POST" and not form.errors.get("files")
            else [],
        },
    )


def _warn_unfollowed(request, directive: Directive) -> None:
    """Not an error (the register page allows it), but who will hear of the units' reports should be known."""
    unfollowed = directive.tasks.filter(monitoring_officers__isnull=True).count()
    if unfollowed:
        messages.warning(
            request,
            _(
                "%(n)d nhiệm vụ chưa có chuyên viên theo dõi: báo cáo, đề xuất của đơn vị sẽ được báo cho chuyên "
                "viên và trưởng phòng của phòng theo dõi (không có phòng theo dõi thì cho người nhập). Chọn "
                "chuyên viên ở “Sửa nhiệm vụ”."
            )
            % {"n": unfollowed},
        )


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
    if error := legacy_text_error(text):  # what saving would say, not "Chưa có trong danh mục: Së Tµi chÝnh"
        return render(request, "directives/_resolve_preview.html", {"text": text, "refusals": [error]})
    gazetteer = Gazetteer()
    result = gazetteer.resolve(text)
    said, _to_create = refusals(gazetteer, result.unresolved)
    return render(
        request, "directives/_resolve_preview.html", {"result": result, "text": text, "refusals": said}
    )


@login_required
def directive_list(request):
    q = request.GET.get("q", "")
    user = request.user
    # A unit counts only the tasks it sees (drafts and other units' tasks are not its business).
    seen = None if user.sees_province else Q(tasks__in=Task.objects.visible_to(user).values("pk"))
    qs = (
        Directive.objects.visible_to(user)
        .search(q)
        .select_related("kind")
        .annotate(n_tasks=Count("tasks", filter=seen))
    )
    page = Paginator(qs.order_by("-issue_date", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "directives/list.html",
        {"page": page, "q": q, "query": urlencode({"q": q}), "q_error": legacy_text_error(q)},
    )


@login_required
def directive_detail(request, pk):
    directive = get_object_or_404(
        Directive.objects.visible_to(request.user).select_related("kind", "submitting_unit"), pk=pk
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
    directive = get_object_or_404(Directive.objects.visible_to(request.user), pk=pk)
    done = deliver_tasks(
        request.user, list(directive.tasks.filter(delivered_on__isnull=True, withdrawn_on__isnull=True))
    )
    messages.success(request, _("Đã chuyển giao %(n)d nhiệm vụ.") % {"n": len(done)})
    return redirect("directives:detail", pk=pk)


@login_required
def download_file(request, pk):
    record = get_object_or_404(DirectiveFile, pk=pk)
    if not Directive.objects.visible_to(request.user).filter(pk=record.directive_id).exists():
        raise Http404
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)
