from django.urls import path

from . import views

app_name = "difficulties"
urlpatterns = [
    path("", views.difficulty_list, name="list"),
    path("moi/", views.difficulty_create, name="create"),
    path("<int:pk>/", views.difficulty_detail, name="detail"),
    path("<int:pk>/<slug:slug>/", views.difficulty_act, name="act"),
    path("tep/<int:pk>/", views.download_file, name="file"),
]
