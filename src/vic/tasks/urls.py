from django.urls import path

from . import views, workflow_views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("hop-thu/", views.inbox, name="inbox"),
    path("dang-ky-cham/", views.late_registrations, name="late_registrations"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/chuyen-giao/", views.task_deliver, name="deliver"),
    path("<int:pk>/thu-hoi/", views.task_withdraw, name="withdraw"),
    path("<int:pk>/thao-tac/<slug:slug>/", workflow_views.task_act, name="act"),
    path("tep/<int:pk>/", views.task_file, name="file"),
    path("cho-xu-ly/", views.pending, name="pending"),
    path("bo-loc/", views.filter_save, name="filter_save"),
    path("bo-loc/<int:pk>/xoa/", views.filter_delete, name="filter_delete"),
]
