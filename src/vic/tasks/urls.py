from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("hop-thu/", views.inbox, name="inbox"),
    path("dang-ky-cham/", views.late_registrations, name="late_registrations"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/chuyen-giao/", views.task_deliver, name="deliver"),
    path("<int:pk>/thu-hoi/", views.task_withdraw, name="withdraw"),
    path("<int:pk>/tien-do/", views.task_progress, name="progress"),
    path("<int:pk>/xac-nhan-hoan-thanh/", views.task_confirm, name="confirm"),
]
