from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from vic.core.views import LoginView

admin.site.site_header = _("VIC — Quản trị hệ thống")
admin.site.site_title = "VIC"
admin.site.index_title = _("Danh mục và quản trị")

handler400 = "vic.core.errors.bad_request"

urlpatterns = [
    path("dang-nhap/", LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(settings.VIC_ADMIN_PATH, admin.site.urls),
    path("nhiem-vu/", include("vic.tasks.urls")),
    path("van-ban/", include("vic.directives.urls")),
    path("kiem-tra/", include("vic.inspections.urls")),
    path("kho-khan/", include("vic.difficulties.urls")),
    path("don-doc/", include("vic.notices.urls")),
    path("bao-cao/", include("vic.reporting.urls")),
    path("", include("vic.urging.urls")),
    path("", include("vic.core.urls")),
    # Browsers ask for /favicon.ico before reading the page's <link rel="icon">.
    path("favicon.ico", lambda request: redirect(static("vic/favicon.svg"), permanent=True)),
]
