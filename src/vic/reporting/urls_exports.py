"""URLs of the exports pages."""

from django.urls import path

from . import views_exports

urlpatterns: list = [
    path("xuat/", views_exports.export_start, name="export_start"),
    path("xuat/<int:pk>/", views_exports.export_status, name="export_status"),
    path("xuat/<int:pk>/<str:fmt>/", views_exports.export_download, name="export_download"),
]

from . import views_compiled  # noqa: E402

urlpatterns.append(path("tong-hop/", views_compiled.compiled, name="compiled"))
