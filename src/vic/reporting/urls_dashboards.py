"""URLs of the dashboards pages."""

from django.urls import path

from . import views_dashboards

urlpatterns: list = [
    path("tong-quan/", views_dashboards.dashboard, name="dashboard"),
    path("tong-quan/xu-huong/", views_dashboards.dashboard_trend, name="dashboard_trend"),
    path("cham-diem/", views_dashboards.scorecard, name="scorecard"),
]
