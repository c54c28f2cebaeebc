"""Báo cáo: the report calendar and unit reports, the compiled report, dashboards, scorecard, exports."""

from . import urls_dashboards, urls_exports, urls_reports

app_name = "reporting"
urlpatterns = urls_reports.urlpatterns + urls_dashboards.urlpatterns + urls_exports.urlpatterns
