from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("", views.directive_list, name="list"),
    path("nhap/", views.register, name="register"),
    path("giai-nghia-don-vi/", views.resolve_preview, name="resolve_preview"),
    path("<int:pk>/", views.directive_detail, name="detail"),
    path("<int:pk>/chuyen-giao/", views.deliver_all, name="deliver_all"),
    path("tep/<int:pk>/", views.download_file, name="file"),
]
