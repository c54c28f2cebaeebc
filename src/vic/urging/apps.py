from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UrgingConfig(AppConfig):
    name = "vic.urging"
    label = "urging"
    verbose_name = _("Đôn đốc, nhắc việc")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 - registers the jobs and their schedule with the queue
