from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DifficultiesConfig(AppConfig):
    name = "vic.difficulties"
    label = "difficulties"
    verbose_name = _("Khó khăn, vướng mắc của đơn vị")
