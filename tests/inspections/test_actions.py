"""Inspections (R-8.1) through their actions: who may record them, what the checked tasks' journals say,
optimistic locking, and follow-up tasks registered like any task."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from tests.factories import DirectiveFactory, directive_kind
from tests.inspections.conftest import record

from vic.core import clock
from vic.inspections import actions
from vic.inspections.models import Inspection
from vic.tasks.models import EventKind, Task, TaskEvent
from vic.tasks.specs import TaskSpec
from vic.tasks.status import Status

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db


def test_recording_journals_each_checked_task(users, tree, world):
    inspection = record(users.monitoring_officer, [tree.stc], [world.stc_task, world.stc_done])
    assert set(inspection.units.all()) == {tree.stc}
    assert set(inspection.tasks.all()) == {world.stc_task, world.stc_done}
    assert inspection.created_by == users.monitoring_officer and inspection.version == 1
    for task in (world.stc_task, world.stc_done):
        (event,) = task.events.filter(kind=EventKind.INSPECTED)
        assert event.actor == users.monitoring_officer
        assert (
            "Được kiểm tra trong đợt kiểm tra “Kiểm tra việc thực hiện nhiệm vụ UBND tỉnh giao năm 2026”"
            in event.note
        )
        assert "ngày 24/02/2026" in event.note
    assert not world.city_task.events.filter(kind=EventKind.INSPECTED).exists()
    # django-auditlog keeps the inspection's own history
    assert LogEntry.objects.get_for_object(inspection).filter(action=LogEntry.Action.CREATE).exists()


@pytest.mark.parametrize("who", ["stc_officer", "district_officer", "provincial_leader"])
def test_only_the_office_records(users, tree, world, who):
    with pytest.raises(PermissionDenied):
        record(getattr(users, who), [tree.stc], [world.stc_task])
    assert not Inspection.objects.exists()
    assert not TaskEvent.objects.filter(kind=EventKind.INSPECTED).exists()


def test_office_roles_record(users, tree, world, clerk):
    for user in (clerk, users.office_leader, users.admin):
        record(user, [tree.city], [world.city_task])
    assert Inspection.objects.count() == 3


def test_missing_fields_are_named(users, tree, world):
    with pytest.raises(ValidationError) as caught:
        record(users.monitoring_officer, [], title=" ", findings="", leader_name="")
    errors = caught.value.message_dict
    assert errors["title"] == ["Chưa nhập nội dung kiểm tra."]
    assert errors["findings"] == ["Chưa nhập kết quả kiểm tra."]
    assert errors["units"] == ["Chọn ít nhất một đơn vị được kiểm tra."]
    assert errors["leader"] == ["Chọn trưởng đoàn hoặc ghi họ tên, chức vụ trưởng đoàn."]
    assert not Inspection.objects.exists()


def test_dates_are_checked(users, tree, world):
    with pytest.raises(ValidationError) as caught:
        record(users.monitoring_officer, [tree.stc], started_on=D("2026-03-03"), ended_on=None)
    assert "không được sau ngày hôm nay" in caught.value.message_dict["started_on"][0]
    with pytest.raises(ValidationError) as caught:
        record(users.monitoring_officer, [tree.stc], started_on=D("2026-02-24"), ended_on=D("2026-02-23"))
    assert caught.value.message_dict["ended_on"] == ["“Đến ngày” không được trước ngày kiểm tra."]


def test_drafts_and_unknown_tasks_are_refused(users, tree, world):
    with pytest.raises(ValidationError) as caught:
        record(users.monitoring_officer, [tree.stc], [world.stc_task, world.draft])
    assert caught.value.message_dict["tasks"] == [
        f"Nhiệm vụ #{world.draft.pk} chưa chuyển giao cho đơn vị, chưa thể kiểm tra."
    ]
    with pytest.raises(ValidationError) as caught:
        record(users.monitoring_officer, [tree.stc], [world.stc_task.pk, 999999])
    assert "#999999" in caught.value.message_dict["tasks"][0]
    assert not Inspection.objects.exists()
    assert not TaskEvent.objects.filter(kind=EventKind.INSPECTED).exists()


def test_stale_edit_is_refused_and_changes_nothing(users, tree, world, inspection, clerk):
    actions.update_inspection(clerk, inspection, {"conclusion": "Kết luận đã sửa."}, expected_version=1)
    assert inspection.version == 2
    with pytest.raises(actions.ConcurrentEdit) as caught:
        actions.update_inspection(
            users.monitoring_officer,
            inspection,
            {"findings": "Ghi đè"},
            expected_version=1,
            tasks=[world.city_task],
        )
    assert "sau khi bạn mở trang" in caught.value.messages[0]
    assert str(clerk) in caught.value.messages[0]
    inspection.refresh_from_db()
    assert inspection.findings.startswith("Sở đã triển khai") and inspection.conclusion == "Kết luận đã sửa."
    assert inspection.version == 2
    assert not world.city_task.events.filter(kind=EventKind.INSPECTED).exists()


def test_edit_journals_only_newly_checked_tasks(users, tree, world, inspection):
    actions.update_inspection(
        users.monitoring_officer,
        inspection,
        {},
        expected_version=1,
        units=[tree.stc, tree.skhdt],
        tasks=[world.stc_task, world.skhdt_task],
    )
    assert set(inspection.tasks.all()) == {world.stc_task, world.skhdt_task}
    assert world.stc_task.events.filter(kind=EventKind.INSPECTED).count() == 1
    assert world.skhdt_task.events.filter(kind=EventKind.INSPECTED).count() == 1
    # the removed task keeps its journal row: the journal is append-only
    assert world.stc_done.events.filter(kind=EventKind.INSPECTED).count() == 1
    assert inspection.version == 2 and inspection.updated_by == users.monitoring_officer


def test_add_checked_tasks_skips_those_already_there(users, tree, world):
    inspection = record(users.monitoring_officer, [tree.stc, tree.city], [world.stc_task])
    added = actions.add_checked_tasks(
        users.monitoring_officer, inspection, [world.stc_task.pk, world.city_task.pk]
    )
    assert added == [world.city_task]
    assert world.stc_task.events.filter(kind=EventKind.INSPECTED).count() == 1
    assert inspection.version == 2


def test_a_task_of_a_unit_not_inspected_is_refused(users, world, inspection):
    """The inspection of Sở Tài chính cannot record a task of the city's committee as checked."""
    with pytest.raises(ValidationError) as error:
        actions.add_checked_tasks(users.monitoring_officer, inspection, [world.city_task.pk])
    assert "không do đơn vị được kiểm tra chủ trì hay phối hợp" in error.value.message_dict["tasks"][0]
    assert not inspection.tasks.filter(pk=world.city_task.pk).exists()


def _spec(tree, **fields) -> TaskSpec:
    fields.setdefault("deadline", D("2026-03-31"))
    fields.setdefault("content", "Tham mưu giải pháp đẩy nhanh giải ngân vốn đầu tư công")
    return TaskSpec(
        lead_units=[tree.stc],
        coordinating_units=[tree.skhdt],
        monitoring_department=tree.th,
        **fields,
    )


DOCUMENT = {
    "number": "45",
    "symbol": "TB-VP",
    "issuer": "Văn phòng UBND tỉnh Lai Châu",
    "issue_date": D("2026-02-27"),
    "signer_name": "Trần Văn Bình",
    "signer_position": "Phó Chánh Văn phòng",
}


def test_follow_up_tasks_are_registered_and_delivered_like_any_task(clerk, users, tree, inspection):
    (task,) = actions.create_follow_up_tasks(clerk, inspection, [_spec(tree)], document=dict(DOCUMENT))
    inspection.refresh_from_db()
    directive = inspection.directive
    assert directive.kind.name == "Thông báo kết luận"
    assert directive.reference == "45/TB-VP ngày 27/02/2026"
    assert directive.abstract == "Kết luận kiểm tra: Kiểm tra việc thực hiện nhiệm vụ UBND tỉnh giao năm 2026"
    assert list(inspection.follow_up_tasks.all()) == [task]
    assert task.directive == directive and task.lead_unit == tree.stc
    assert list(task.coordinating_units.all()) == [tree.skhdt]
    # create_tasks and deliver_tasks did their work: arising date, one-day delivery rule, journal
    assert task.arose_on == D("2026-02-27") and task.delivery_due_on == D("2026-03-02")
    assert task.delivered_on == D("2026-03-02") and task.effective_deadline == D("2026-03-31")
    assert task.status() == Status.NOT_STARTED_WITHIN
    kinds = list(task.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == [EventKind.REGISTERED, EventKind.DELIVERED, EventKind.FOLLOW_UP]
    follow = task.events.get(kind=EventKind.FOLLOW_UP)
    assert follow.actor == clerk and f"(đợt kiểm tra #{inspection.pk})" in follow.note
    # a unit sees its new task like any other
    assert Task.objects.visible_to(users.stc_officer).filter(pk=task.pk).exists()


def test_later_follow_ups_join_the_same_notice(clerk, tree, inspection):
    actions.create_follow_up_tasks(clerk, inspection, [_spec(tree)], document=dict(DOCUMENT))
    (second,) = actions.create_follow_up_tasks(
        clerk, inspection, [_spec(tree, content="Báo cáo kết quả khắc phục")], deliver=False
    )
    inspection.refresh_from_db()
    assert second.directive == inspection.directive and second.delivered_on is None
    assert inspection.follow_up_tasks.count() == 2 and inspection.directive.tasks.count() == 2


def test_an_already_registered_notice_is_reused(clerk, tree, inspection):
    existing = DirectiveFactory(
        kind=directive_kind("Thông báo kết luận"),
        number="45",
        symbol="TB-VP",
        issuer="Văn phòng UBND tỉnh Lai Châu",
        issue_date=D("2026-02-27"),
    )
    (task,) = actions.create_follow_up_tasks(clerk, inspection, [_spec(tree)], document=dict(DOCUMENT))
    inspection.refresh_from_db()
    assert inspection.directive == existing and task.directive == existing


def test_monitoring_officers_do_not_register_tasks(users, tree, inspection):
    with pytest.raises(PermissionDenied):
        actions.create_follow_up_tasks(
            users.monitoring_officer, inspection, [_spec(tree)], document=dict(DOCUMENT)
        )
    with pytest.raises(PermissionDenied):
        actions.create_follow_up_tasks(users.stc_officer, inspection, [_spec(tree)], document=dict(DOCUMENT))
    assert not Task.objects.filter(content__startswith="Tham mưu giải pháp").exists()


@pytest.mark.parametrize(
    ("document", "spec_fields", "field", "message"),
    [
        ({**DOCUMENT, "issue_date": None}, {}, "issue_date", "Chưa nhập ngày của văn bản kết luận"),
        (
            {**DOCUMENT, "issue_date": D("2026-02-20")},
            {},
            "issue_date",
            "không được trước ngày kiểm tra (24/02/2026)",
        ),
        ({**DOCUMENT, "issue_date": D("2026-03-05")}, {}, "issue_date", "không được sau ngày hôm nay"),
        (DOCUMENT, {"deadline": D("2026-02-26")}, "deadline", "trước ngày ban hành văn bản (27/02/2026)"),
        (DOCUMENT, {"deadline": None}, "deadline", "Chưa nhập thời hạn"),
    ],
)
def test_follow_up_input_is_checked_and_nothing_is_written(
    clerk, tree, inspection, document, spec_fields, field, message
):
    tasks_before = Task.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.create_follow_up_tasks(
            clerk, inspection, [_spec(tree, **spec_fields)], document=dict(document)
        )
    assert message in caught.value.message_dict[field][0]
    inspection.refresh_from_db()
    assert inspection.directive is None and Task.objects.count() == tasks_before


def test_unit_sees_only_inspections_it_was_part_of(users, tree, world, inspection):
    other = record(users.monitoring_officer, [tree.city], [world.city_task])
    assert list(Inspection.objects.visible_to(users.stc_officer)) == [inspection]
    assert list(Inspection.objects.visible_to(users.district_officer)) == []
    assert set(Inspection.objects.visible_to(users.provincial_leader)) == {inspection, other}
    assert not Inspection.objects.editable_by(users.provincial_leader).exists()
    users.monitoring_officer.is_active = False
    assert not Inspection.objects.visible_to(users.monitoring_officer).exists()


def test_search_with_and_without_diacritics(users, tree, world, inspection):
    record(
        users.monitoring_officer,
        [tree.city],
        [world.city_task],
        title="Kiểm tra công tác chỉnh trang đô thị",
        leader_name="Lê Văn Tâm, Trưởng phòng Kinh tế",
        findings="Thành phố đã hoàn thành 80% khối lượng.",
        conclusion="",
    )
    for query in ("sở tài chính", "so tai chinh", "giai ngan", "PHÓ CHÁNH"):
        assert list(Inspection.objects.search(query)) == [inspection], query
    assert Inspection.objects.search("chinh trang do thi").count() == 1


def test_files_are_checked_before_anything_is_written(users, tree, world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 40)
    with pytest.raises(ValidationError) as caught:
        actions.record_inspection(
            users.monitoring_officer,
            {"title": "Kiểm tra", "started_on": D("2026-02-24"), "leader_name": "A", "findings": "B"},
            units=[tree.stc],
            uploads=[exe],
        )
    assert "không đúng định dạng .pdf" in caught.value.messages[0]
    assert not Inspection.objects.exists()


def test_clock_dates_the_record(users, tree, world):
    with clock.at(D("2026-02-26")):
        inspection = record(users.monitoring_officer, [tree.stc])
    assert inspection.created_at.date() == D("2026-02-26")
