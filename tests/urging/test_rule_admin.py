"""The administrator edits reminder rules by ticking who is told, by name; a delivery reminder stays inside
the Office."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vic.urging.models import Audience, DateField, ReminderRule, Timing

pytestmark = pytest.mark.django_db


def test_the_rule_list_and_form_name_the_recipients(admin_client):
    listing = admin_client.get(reverse("admin:urging_reminderrule_changelist")).content.decode()
    assert "Đơn vị chủ trì, Chuyên viên theo dõi" in listing and "lead_unit,monitors" not in listing
    form = admin_client.get(reverse("admin:urging_reminderrule_add")).content.decode()
    assert (
        'type="checkbox" name="audiences" value="unit_head"' in form and "Thủ trưởng đơn vị chủ trì" in form
    )


def test_a_rule_is_saved_from_ticked_recipients(admin_client):
    response = admin_client.post(
        reverse("admin:urging_reminderrule_add"),
        {"name": "Nhắc trước hạn 5 ngày làm việc", "active": "on", "date_field": DateField.DEADLINE,
         "timing": Timing.BEFORE, "working_days": "5", "audiences": [Audience.LEAD_UNIT, Audience.UNIT_HEAD]},
    )  # fmt: skip
    assert response.status_code == 302
    assert ReminderRule.objects.get(name="Nhắc trước hạn 5 ngày làm việc").audiences == "lead_unit,unit_head"


@pytest.mark.parametrize("audience", [Audience.LEAD_UNIT, Audience.UNIT_HEAD, Audience.COORDINATORS])
def test_a_delivery_reminder_never_goes_to_a_unit(audience):
    rule = ReminderRule(name="Nhắc chuyển giao", date_field=DateField.DELIVERY, timing=Timing.ON_DAY,
                        audiences=f"registrars,{audience}")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "không gửi cho đơn vị khi nhiệm vụ chưa chuyển giao" in error.value.message_dict["audiences"][0]
