from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "vic.calendar"
    label = "calendar"
    verbose_name = _("Lịch làm việc")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the cache-invalidation receivers)
