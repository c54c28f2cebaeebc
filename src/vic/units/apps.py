from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "vic.units"
    label = "units"
    verbose_name = "Đơn vị và người dùng"
