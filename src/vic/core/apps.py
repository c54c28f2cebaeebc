from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vic.core"
    label = "core"
    verbose_name = "Khung ứng dụng"
