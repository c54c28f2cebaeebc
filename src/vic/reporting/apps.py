from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "vic.reporting"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self) -> None:
        from . import jobs  # noqa: F401 - registers the export job with the queue (`vic worker` autoloads nothing)
