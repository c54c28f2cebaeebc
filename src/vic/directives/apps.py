from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "vic.directives"
    label = "directives"
    verbose_name = "Văn bản giao nhiệm vụ"
