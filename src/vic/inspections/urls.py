from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("moi/", views.inspection_create, name="create"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/sua/", views.inspection_edit, name="edit"),
    path("<int:pk>/them-nhiem-vu/", views.add_tasks, name="add_tasks"),
    path("<int:pk>/nhiem-vu-sau-kiem-tra/", views.follow_up, name="follow_up"),
    path("tep/<int:pk>/", views.download_file, name="file"),
]
