"""Every write to difficulties goes through these actions: permission, one transaction, a message in the
thread, and — for a difficulty about a task — a row in the task's journal (R-14.3)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vic.core import clock
from vic.core.text import nfc
from vic.core.uploads import check_attachments, remove_stored, store_upload
from vic.tasks.actions import journal
from vic.tasks.models import EventKind, Task

from .models import About, Difficulty, DifficultyFile, DifficultyMessage, MessageKind, State
from .permissions import may_answer, may_follow_up, may_raise

MAX_TEXT = 10000

_EVENT = {
    MessageKind.RAISED: EventKind.DIFFICULTY_RAISED,
    MessageKind.ANSWER: EventKind.DIFFICULTY_ANSWERED,
    MessageKind.FOLLOW_UP: EventKind.DIFFICULTY_REOPENED,
    MessageKind.REOPENED: EventKind.DIFFICULTY_REOPENED,
    MessageKind.CLOSED: EventKind.DIFFICULTY_CLOSED,
}


def _text(value: str, field: str, missing: str) -> str:
    value = nfc(value)
    if not value:
        raise ValidationError({field: missing})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Nội dung dài quá %(n)d ký tự.") % {"n": MAX_TEXT}})
    return value


def _post(user, difficulty: Difficulty, kind: str, text: str, files) -> DifficultyMessage:
    """Append a message (and its files) and journal it on the task; the caller holds the row lock."""
    message = DifficultyMessage.objects.create(
        difficulty=difficulty,
        kind=kind,
        author=user,
        unit=user.unit,
        text=text,
        at=clock.now(),
        state_after=difficulty.state,
    )
    for upload, sha256 in files:
        store_upload(DifficultyFile(difficulty=difficulty, message=message, uploaded_by=user), upload, sha256)
    if not difficulty.task_id and kind in _OFFICE_OWES:
        _tell_office(difficulty, kind)
    if difficulty.task_id:
        # The task's readers include other units: the journal names the difficulty, not its content.
        journal(
            difficulty.task,
            _EVENT[kind],
            user,
            note=_("Khó khăn, vướng mắc #%(id)s của %(unit)s")
            % {"id": difficulty.pk, "unit": difficulty.unit},
        )
    return message


# A difficulty about the system or the regulation has no task to follow, so no follower hears of it through
# the journal: the Office's clerks, who handle such questions, are told when the unit writes.
_OFFICE_OWES = {MessageKind.RAISED, MessageKind.FOLLOW_UP, MessageKind.REOPENED}


def _tell_office(difficulty: Difficulty, kind: str) -> None:
    from django.urls import reverse

    from vic.units.models import Role, User
    from vic.urging.notify import notify

    text = (
        _("%(unit)s báo cáo khó khăn, vướng mắc #%(id)s: %(subject)s")
        if kind == MessageKind.RAISED
        else _("%(unit)s trao đổi thêm về khó khăn, vướng mắc #%(id)s: %(subject)s")
    ) % {"unit": difficulty.unit, "id": difficulty.pk, "subject": difficulty.subject}
    notify(
        User.objects.filter(is_active=True, role=Role.OFFICE_CLERK),
        text,
        subject=_("Khó khăn, vướng mắc của đơn vị"),
        link=reverse("difficulties:detail", args=[difficulty.pk]),
    )


def _remove_written(difficulty_pk: int | None, before: set[int]) -> None:
    remove_stored(DifficultyFile.objects.filter(difficulty_id=difficulty_pk).exclude(pk__in=before))


def raise_difficulty(
    user, *, subject: str, description: str, about: str, task: Task | None = None, uploads=()
) -> Difficulty:
    """A unit reports a difficulty to the Office: about a task it may see, or about the system/regulation."""
    if not may_raise(user):
        raise PermissionDenied(_("Chỉ cán bộ, thủ trưởng đơn vị được báo cáo khó khăn, vướng mắc."))
    errors = {}
    if about not in About.values:
        errors["about"] = _("Chọn khó khăn, vướng mắc về nhiệm vụ, về phần mềm hay về quy chế.")
    if about == About.TASK:
        if task is None:
            errors["task"] = _("Chọn nhiệm vụ có khó khăn, vướng mắc.")
        elif not Task.objects.visible_to(user).filter(pk=task.pk, delivered_on__isnull=False).exists():
            errors["task"] = _("Không tìm thấy nhiệm vụ (hoặc đơn vị bạn không được xem).")
    elif task is not None:
        task = None  # a difficulty about the system is about no task
    subject = nfc(subject)
    if not subject:
        errors["subject"] = _("Chưa nhập vấn đề.")
    elif len(subject) > 255:
        errors["subject"] = _("Vấn đề dài quá 255 ký tự; ghi chi tiết ở phần nội dung.")
    if errors:
        raise ValidationError(errors)
    description = _text(description, "description", _("Chưa nhập nội dung khó khăn, vướng mắc."))
    files = check_attachments(uploads)
    now = clock.now()
    difficulty = Difficulty(
        unit=user.unit,
        raised_by=user,
        raised_at=now,
        raised_on=clock.today(),
        about=about,
        task=task,
        subject=subject,
        description=description,
        state=State.OPEN,
        last_message_at=now,
    )
    try:
        with transaction.atomic():
            difficulty.search_text = difficulty.compute_search_text()
            difficulty.save()
            _post(user, difficulty, MessageKind.RAISED, description, files)
    except BaseException:
        _remove_written(difficulty.pk, set())
        raise
    return difficulty


def _locked(difficulty: Difficulty) -> Difficulty:
    return (
        Difficulty.objects.select_for_update(of=("self",))
        .select_related("task", "unit")
        .get(pk=difficulty.pk)
    )


def _save_state(difficulty: Difficulty, **fields) -> None:
    """Save the new state on the locked row (saved, not updated in bulk, so django-auditlog records it)."""
    fields.setdefault("last_message_at", clock.now())
    for name, value in fields.items():
        setattr(difficulty, name, value)
    difficulty.version += 1  # the row is locked (select_for_update)
    difficulty.save(update_fields=[*fields, "version"])


def _run(difficulty: Difficulty, work) -> DifficultyMessage:
    """Run `work(locked)` in one transaction; files written by a failed attempt are removed."""
    before = set(DifficultyFile.objects.filter(difficulty=difficulty).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            message = work(_locked(difficulty))
    except BaseException:
        _remove_written(difficulty.pk, before)
        raise
    difficulty.refresh_from_db()
    return message


def answer(user, difficulty: Difficulty, text: str, uploads=()) -> DifficultyMessage:
    """The Office answers; a difficulty answered before may get further answers until it is closed."""
    if not may_answer(user, difficulty):
        raise PermissionDenied(_("Chỉ Văn phòng được trả lời khó khăn, vướng mắc."))
    text = _text(text, "text", _("Chưa nhập nội dung trả lời."))
    files = check_attachments(uploads)

    def work(locked: Difficulty) -> DifficultyMessage:
        if locked.state == State.CLOSED:
            raise ValidationError(
                _(
                    "Đơn vị đã đóng khó khăn, vướng mắc này; câu trả lời chưa được gửi. Đơn vị mở lại nếu cần trao đổi thêm."
                )
            )
        now = clock.now()
        fields = {"state": State.ANSWERED, "last_message_at": now}
        if locked.first_answered_at is None:
            fields.update(first_answered_at=now, first_answered_on=clock.today())
        _save_state(locked, **fields)
        return _post(user, locked, MessageKind.ANSWER, text, files)

    return _run(difficulty, work)


def follow_up(user, difficulty: Difficulty, text: str, uploads=()) -> DifficultyMessage:
    """The raising unit adds to its difficulty; once answered or closed, this reopens it."""
    if not may_follow_up(user, difficulty):
        raise PermissionDenied(_("Chỉ đơn vị đã báo cáo được trao đổi thêm, mở lại khó khăn, vướng mắc."))
    text = _text(text, "text", _("Chưa nhập nội dung trao đổi thêm."))
    files = check_attachments(uploads)

    def work(locked: Difficulty) -> DifficultyMessage:
        kind = MessageKind.FOLLOW_UP if locked.state == State.OPEN else MessageKind.REOPENED
        _save_state(locked, state=State.OPEN, closed_at=None)
        return _post(user, locked, kind, text, files)

    return _run(difficulty, work)


def close(user, difficulty: Difficulty, note: str = "") -> DifficultyMessage:
    """The raising unit closes its difficulty (resolved, or no longer needed)."""
    if not may_follow_up(user, difficulty):
        raise PermissionDenied(_("Chỉ đơn vị đã báo cáo được đóng khó khăn, vướng mắc."))
    note = nfc(note)[:MAX_TEXT]

    def work(locked: Difficulty) -> DifficultyMessage:
        if locked.state == State.CLOSED:
            raise ValidationError(_("Khó khăn, vướng mắc này đã được đóng."))
        _save_state(locked, state=State.CLOSED, closed_at=clock.now())
        return _post(user, locked, MessageKind.CLOSED, note, [])

    return _run(difficulty, work)
