from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "vic.calendar"
    label = "calendar"
    verbose_name = "Lịch làm việc"
