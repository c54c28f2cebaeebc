from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vic.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
