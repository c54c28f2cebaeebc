"""Replaying a task's life through the actions at realistic dates (clock.at): progress, completion, withdrawal.

An outcome names what should have happened by the demo's "today" (AS_OF): the loader picks one per task
and this module turns it into dated actions. Every action happens on or before LAST_DAY.
"""

from __future__ import annotations

import datetime
import random

from vic.calendar.services import is_working_day
from vic.core import clock
from vic.tasks.actions import confirm_completion, record_progress, withdraw_task
from vic.tasks.models import Schedule, Task

from .people import People

AS_OF = datetime.date(2026, 12, 3)  # the machine date the demo was built for
LAST_DAY = AS_OF - datetime.timedelta(days=1)

ON_TIME = "on_time"  # completed on or before the effective deadline
LATE = "late"  # completed after it
PROGRESS = "progress"  # progress reported, not completed
NONE = "none"  # delivered, nothing reported
DONE = "done"  # no-deadline task completed
WITHDRAW = "withdraw"  # withdrawn by the Office

PROGRESS_TEXTS = [
    "Đã ban hành kế hoạch triển khai, phân công phòng chuyên môn chủ trì thực hiện.",
    "Đã tổ chức họp triển khai với các đơn vị phối hợp; đang thu thập số liệu.",
    "Đang tổng hợp số liệu từ các đơn vị trực thuộc, dự kiến hoàn thành đúng thời hạn.",
    "Đã hoàn thành dự thảo, đang lấy ý kiến góp ý của các đơn vị liên quan.",
    "Đã khảo sát thực tế; đang hoàn chỉnh báo cáo trình lãnh đạo đơn vị.",
    "Gặp vướng mắc về hồ sơ pháp lý, đã làm việc với các đơn vị liên quan để tháo gỡ.",
    "Đã hoàn thành khoảng 70% khối lượng công việc.",
    "Đang chờ ý kiến của cơ quan Trung ương để hoàn thiện nội dung.",
]
COMPLETION_NOTES = [
    "Đơn vị đã gửi báo cáo kết quả thực hiện.",
    "Đã nhận văn bản báo cáo hoàn thành của đơn vị; nội dung đạt yêu cầu.",
    "Kết quả đã được lãnh đạo UBND tỉnh cho ý kiến thống nhất.",
]
# an update to an overdue task explains the delay.
EXPLANATIONS = [
    "Chậm do phải chờ số liệu của các đơn vị phối hợp.",
    "Nội dung phức tạp, cần xin ý kiến các bộ, ngành Trung ương.",
    "Vướng mắc về thủ tục đất đai, đang phối hợp tháo gỡ.",
    "Đơn vị thiếu nhân lực trong thời gian cao điểm; đã bổ sung cán bộ.",
]
WITHDRAW_REASONS = [
    "Nhiệm vụ được điều chỉnh, giao lại tại văn bản khác của UBND tỉnh.",
    "Theo ý kiến chỉ đạo của lãnh đạo UBND tỉnh, tạm dừng triển khai nội dung này.",
]


def working_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days, day = [], start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days or [start]


class Replayer:
    def __init__(self, people: People, rng: random.Random):
        self.people = people
        self.rng = rng

    def pick_day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        start = min(start, LAST_DAY)
        return self.rng.choice(working_days(start, max(start, min(end, LAST_DAY))))

    def _confirmer(self, task: Task):
        officer = task.monitoring_officers.first()
        return officer or self.people.clerk

    def progress(self, task: Task, start: datetime.date, end: datetime.date, count: int = 1) -> None:
        days = sorted({self.pick_day(start, end) for _ in range(count)})
        user = self.people.officer_for(task.lead_unit)
        for day in days:
            with clock.at(day):
                late = task.effective_deadline is not None and day > task.effective_deadline
                explanation = self.rng.choice(EXPLANATIONS) if late else ""
                record_progress(
                    user, task, self.rng.choice(PROGRESS_TEXTS), reported_on=day, explanation=explanation
                )

    def complete(self, task: Task, day: datetime.date) -> None:
        with clock.at(day):
            confirm_completion(
                self._confirmer(task), task, completed_on=day, note=self.rng.choice(COMPLETION_NOTES)
            )

    def play(self, task: Task, outcome: str) -> str:
        """Apply `outcome` to a delivered task; returns the outcome actually played."""
        task.refresh_from_db()
        start = task.delivered_on + datetime.timedelta(days=1)
        deadline = task.effective_deadline
        if start > LAST_DAY or outcome == NONE:
            return NONE
        if outcome == WITHDRAW:
            with clock.at(self.pick_day(start, start + datetime.timedelta(days=20))):
                withdraw_task(self.people.clerk, task, self.rng.choice(WITHDRAW_REASONS))
            return WITHDRAW
        if task.schedule != Schedule.DATED or deadline is None:
            return self._play_open(task, outcome, start)
        if task.series_id:
            # One occurrence of a recurring duty: the work happens in its own period, not at delivery.
            start = max(start, deadline - datetime.timedelta(days=25))
        if outcome == LATE and deadline + datetime.timedelta(days=3) > LAST_DAY:
            outcome = PROGRESS
        if outcome == ON_TIME and deadline > LAST_DAY:
            outcome = PROGRESS
        if outcome == ON_TIME:
            finish = self.pick_day(max(start, deadline - datetime.timedelta(days=12)), deadline)
            if finish > start and self.rng.random() < 0.7:
                self.progress(task, start, finish - datetime.timedelta(days=1))
            self.complete(task, finish)
        elif outcome == LATE:
            late_by = datetime.timedelta(days=self.rng.randint(3, 40))
            finish = self.pick_day(deadline + datetime.timedelta(days=2), deadline + late_by)
            self.progress(task, start, deadline, count=self.rng.randint(1, 2))
            self.complete(task, finish)
        else:
            end = min(LAST_DAY, deadline + datetime.timedelta(days=30))
            self.progress(task, start, end, count=self.rng.randint(1, 3))
        return outcome

    def _play_open(self, task: Task, outcome: str, start: datetime.date) -> str:
        """No deadline (ongoing, or "khẩn trương" without a date): done or in progress, no timeliness."""
        if outcome in (ON_TIME, LATE, DONE):
            finish = self.pick_day(start + datetime.timedelta(days=10), start + datetime.timedelta(days=120))
            self.progress(task, start, finish - datetime.timedelta(days=1))
            self.complete(task, finish)
            return DONE
        self.progress(task, start, start + datetime.timedelta(days=150), count=self.rng.randint(1, 3))
        return PROGRESS
