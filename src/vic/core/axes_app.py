"""django-axes (login throttling) under a Vietnamese name in the administration; its own is "Axes". A module
of its own: vic/core/apps.py must hold only the core's AppConfig for Django to pick it by itself."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu")
