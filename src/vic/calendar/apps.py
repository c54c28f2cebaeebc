from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "vic.calendar"
    label = "calendar"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the cache-invalidation receivers)
