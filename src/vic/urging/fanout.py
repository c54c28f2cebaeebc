"""Who hears of what happens to a task: one table from journal event kind to audiences.

Every task action writes its journal row through `tasks.actions.common.journal`, which calls `tell`; so
an action cannot forget to tell anyone, and the list of who is told lives here, in one place."""

from __future__ import annotations

from django.utils.translation import gettext as _

from vic.tasks.models import EventKind, TaskEvent
from vic.units.models import Role, User

from .models import Audience
from .notify import excerpt, notify
from .services import recipients

ACTOR_UNIT_HEAD = "actor_unit_head"  # a submission waits for the head of the sender's unit
ASSIGNING_LEADER = "assigning_leader"  # extension proposals are the assigning leader's to decide

LEAD, COORDS, MONITORS = Audience.LEAD_UNIT, Audience.COORDINATORS, Audience.MONITORS
WHO = {
    EventKind.DELIVERED: (LEAD, Audience.UNIT_HEAD, COORDS),
    EventKind.EDITED: (LEAD,),
    EventKind.WITHDRAWN: (LEAD, COORDS),
    EventKind.REASSIGNED: (LEAD, Audience.UNIT_HEAD),
    EventKind.RETURN_RESOLVED: (LEAD,),
    EventKind.RECOMPUTED: (LEAD,),
    EventKind.SUBMITTED: (ACTOR_UNIT_HEAD,),
    EventKind.PROGRESS: (MONITORS,),
    EventKind.COMPLETION_PROPOSED: (MONITORS,),
    EventKind.RETURNED: (MONITORS,),
    EventKind.EXPLAINED: (MONITORS,),
    EventKind.EXTENSION_PROPOSED: (MONITORS, ASSIGNING_LEADER),
    EventKind.COMPLETED: (LEAD,),
    EventKind.SENT_BACK: (LEAD,),
    EventKind.EXTENSION_APPROVED: (LEAD, MONITORS),
    EventKind.EXTENSION_REJECTED: (LEAD, MONITORS),
    EventKind.CONTRIBUTED: (LEAD,),
    EventKind.PART_REPORTED: (LEAD,),
    EventKind.DIFFICULTY_RAISED: (MONITORS,),
    EventKind.DIFFICULTY_ANSWERED: (LEAD,),
    EventKind.DIFFICULTY_REOPENED: (MONITORS,),  # the unit writes again: the Office owes another answer
}


def monitors(task) -> list[User]:
    """Who in the Office follows `task`: its named officers; when none is named (the register page allows
    it), its monitoring department's officers and head; when it has no department either, whoever
    registered it, or else the Office's clerks. A unit's proposal always reaches someone in the Office."""
    named = [u for u in task.monitoring_officers.all() if u.is_active]
    if named:
        return named
    active = User.objects.filter(is_active=True)
    if task.monitoring_department_id:
        department = list(
            active.filter(
                unit_id=task.monitoring_department_id,
                role__in=(Role.MONITORING_OFFICER, Role.OFFICE_DEPARTMENT_HEAD),
            )
        )
        if department:
            return department
    registrar = task.registered_by
    if registrar and registrar.is_active and registrar.sees_province:
        return [registrar]
    return list(active.filter(role=Role.OFFICE_CLERK))


def audience(event: TaskEvent, code: str) -> list[User]:
    task, actor = event.task, event.actor
    active = User.objects.filter(is_active=True)
    if code == ACTOR_UNIT_HEAD:
        return list(active.filter(unit_id=actor.unit_id, role=Role.UNIT_HEAD)) if actor.unit_id else []
    if code == ASSIGNING_LEADER:
        leader = task.assigning_leader
        return [leader.user] if leader and leader.user_id and leader.user.is_active else []
    if code == MONITORS:
        return monitors(task)
    return recipients(task, code)


def tell(event: TaskEvent, also=()) -> None:
    codes = WHO.get(event.kind, ())
    if not (codes or also) or event.task.delivered_on is None:
        return
    everyone = [*(u for code in codes for u in audience(event, code)), *also]
    people = {u.pk: u for u in everyone if u.pk != event.actor_id}
    if not people:
        return
    text = _("%(what)s — nhiệm vụ #%(id)s “%(content)s” (%(who)s)") % {
        "what": EventKind(event.kind).label,
        "id": event.task_id,
        "content": excerpt(event.task.content, 150),
        "who": event.actor or _("hệ thống"),
    }
    subject = str(EventKind(event.kind).label)
    with_note = text + ": " + excerpt(event.note, 200) if event.note else text
    office = [u for u in people.values() if u.sees_province]
    units = [u for u in people.values() if not u.sees_province]
    # The Office's own notes (its late delivery) are not the unit's business: units get the bare text.
    notify(office, with_note, task=event.task, subject=subject)
    notify(units, text if event.office_only_note else with_note, task=event.task, subject=subject)
