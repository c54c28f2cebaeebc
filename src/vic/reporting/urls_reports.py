"""URLs of the report calendar and the unit reports (under /bao-cao/)."""

from django.urls import path

from . import views_reports as views

urlpatterns: list = [
    path("", views.calendar, name="calendar"),
    path("don-vi/mo/<str:kind>/<str:label>/", views.report_open, name="unit_report_open"),
    path("don-vi/<int:pk>/", views.unit_report, name="unit_report"),
    path("don-vi/<int:pk>/<slug:slug>/", views.report_act, name="unit_report_act"),
]
