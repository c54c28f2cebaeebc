"""Scope.MONITOR for an Office officer whose account has no unit yet (an administrator's slip): he follows
the tasks naming him and those nobody follows, never a task followed by others because 'no department'
equals 'no unit'. can() and its SQL face, allowing(), agree."""

from __future__ import annotations

import pytest
from tests.factories import UserFactory, register_tasks

from vic.tasks.permissions import Act, allowing, can
from vic.units.models import Role

pytestmark = pytest.mark.django_db


def test_an_officer_without_a_unit_follows_only_what_names_him_or_nobody_follows(clerk, tree, users):
    loose = UserFactory(role=Role.MONITORING_OFFICER, unit=None)
    other = UserFactory(role=Role.MONITORING_OFFICER, unit=tree.th)
    (others,) = register_tasks(
        clerk, tree.stc, content="Theo dõi bởi người khác", monitoring_officers=[other]
    )
    (his,) = register_tasks(clerk, tree.stc, content="Theo dõi bởi anh ấy", monitoring_officers=[loose])
    (nobodys,) = register_tasks(clerk, tree.stc, content="Chưa ai theo dõi")
    for task in (others, his, nobodys):
        assert task.monitoring_department_id is None
    want = {others.pk: False, his.pk: True, nobodys.pk: True}
    for act in (Act.CONFIRM_COMPLETION, Act.RESOLVE_RETURN, Act.REPORT_PROGRESS):
        assert {t.pk: can(loose, act, t) for t in (others, his, nobodys)} == want, act
        sql = set(allowing(loose, act).filter(pk__in=want).values_list("pk", flat=True))
        assert sql == {pk for pk, yes in want.items() if yes}, act
