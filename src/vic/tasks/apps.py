from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "vic.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"
