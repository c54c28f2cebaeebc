"""Difficulty pages: the tracked list, raising one, the thread with the Office's answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vic.core import clock
from vic.core.forms import attach
from vic.core.params import as_id
from vic.tasks.models import Task

from . import actions
from .forms import CloseForm, DifficultyFilterForm, MessageForm, RaiseForm
from .models import About, Difficulty, DifficultyFile, State
from .permissions import is_responder, may_answer, may_follow_up, may_raise, natural_responders
from .services import answer_working_days

PAGE_SIZE = 50


def _apply_filters(qs, data: dict, user):
    if data.get("q"):
        qs = qs.search(data["q"])
    if data.get("state"):
        qs = qs.filter(state=data["state"])
    if data.get("about"):
        qs = qs.filter(about=data["about"])
    if data.get("unit"):
        qs = qs.filter(unit=data["unit"])
    if data.get("mine"):
        qs = qs.filter(task__in=Task.objects.monitored_by(user))
    return qs


@login_required
def difficulty_list(request):
    user = request.user
    form = DifficultyFilterForm(request.GET or None)
    qs = Difficulty.objects.visible_to(user)
    if form.is_bound and form.is_valid():
        qs = _apply_filters(qs, form.cleaned_data, user)
    elif form.is_bound:
        qs = qs.none()
    waiting_first = Case(
        When(state=State.OPEN, then=Value(0)), When(state=State.ANSWERED, then=Value(1)), default=Value(2),
        output_field=IntegerField(),
    )  # fmt: skip
    qs = qs.select_related("unit", "task", "raised_by").order_by(waiting_first, "raised_at", "pk")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = clock.today()
    for d in page.object_list:
        d.wait_days = (
            answer_working_days(d.raised_on, d.first_answered_on)
            if d.first_answered_on
            else answer_working_days(d.raised_on, today)
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "difficulties/list.html",
        {"form": form, "page": page, "query": query.urlencode(), "can_raise": may_raise(user)},
    )


def difficulty_for(user, pk) -> Difficulty:
    """Another unit's difficulty does not exist for a unit user: 404, its existence is not disclosed."""
    return get_object_or_404(
        Difficulty.objects.visible_to(user).select_related("unit", "task", "task__lead_unit", "raised_by"),
        pk=pk,
    )


@login_required
def difficulty_create(request):
    user = request.user
    if not may_raise(user):
        raise PermissionDenied
    initial = {"about": About.SYSTEM}
    task_id = as_id(request.GET.get("task"))
    if task_id and Task.objects.visible_to(user).filter(pk=task_id).exists():
        initial = {"about": About.TASK, "task": task_id}
    form = RaiseForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            difficulty = actions.raise_difficulty(
                user,
                subject=data["subject"],
                description=data["description"],
                about=data["about"],
                task=data["task"] if data["about"] == About.TASK else None,
                uploads=data["files"],
            )
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, _("Đã gửi khó khăn, vướng mắc đến Văn phòng."))
            return redirect("difficulties:detail", pk=difficulty.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "difficulties/create.html", {"form": form}, status=status)


def render_detail(request, difficulty, *, bound=None, bound_slug="", status=200):
    user = request.user
    forms = {}
    if may_answer(user, difficulty) and difficulty.state != State.CLOSED:
        forms["tra-loi"] = MessageForm(prefix="tra-loi")
    if may_follow_up(user, difficulty):
        forms["trao-doi"] = MessageForm(prefix="trao-doi")
        if difficulty.state != State.CLOSED:
            forms["dong"] = CloseForm(prefix="dong")
    if bound is not None:
        forms[bound_slug] = bound
    thread = difficulty.messages.select_related("author", "unit").prefetch_related("files")
    context = {
        "difficulty": difficulty,
        "thread": thread,
        "forms": forms,
        "open_slug": bound_slug,
        "responders": natural_responders(difficulty) if is_responder(user) else [],
        "today": clock.today(),
    }
    return render(request, "difficulties/detail.html", context, status=status)


@login_required
def difficulty_detail(request, pk):
    return render_detail(request, difficulty_for(request.user, pk))


STEPS = {
    "tra-loi": (MessageForm, lambda u, d, data: actions.answer(u, d, data["text"], data["files"]),
                gettext_lazy("Đã gửi câu trả lời cho đơn vị.")),
    "trao-doi": (MessageForm, lambda u, d, data: actions.follow_up(u, d, data["text"], data["files"]),
                 gettext_lazy("Đã gửi trao đổi thêm đến Văn phòng.")),
    "dong": (CloseForm, lambda u, d, data: actions.close(u, d, data["note"]),
             gettext_lazy("Đã đóng khó khăn, vướng mắc.")),
}  # fmt: skip


@login_required
@require_POST
def difficulty_act(request, pk, slug):
    difficulty = difficulty_for(request.user, pk)
    if slug not in STEPS:
        raise PermissionDenied
    form_class, run, done = STEPS[slug]
    allowed = (
        may_answer(request.user, difficulty) if slug == "tra-loi" else may_follow_up(request.user, difficulty)
    )
    if not allowed:
        raise PermissionDenied
    form = form_class(request.POST, request.FILES, prefix=slug)
    if form.is_valid():
        try:
            run(request.user, difficulty, form.cleaned_data)
        except ValidationError as error:
            attach(form, error)
        else:
            messages.success(request, str(done))
            return redirect("difficulties:detail", pk=pk)
    difficulty.refresh_from_db()
    return render_detail(request, difficulty, bound=form, bound_slug=slug, status=400)


@login_required
def download_file(request, pk):
    record = get_object_or_404(DifficultyFile, pk=pk)
    difficulty_for(request.user, record.difficulty_id)
    return FileResponse(record.file.open("rb"), as_attachment=True, filename=record.original_name)
