from django.urls import path

from . import views

app_name = "urging"
urlpatterns = [
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/da-doc/", views.mark_read, name="mark_read"),
    path("thong-bao/<int:pk>/mo/", views.open_notification, name="open"),
    path("thong-bao/tuy-chon/", views.preferences, name="preferences"),
    path("lich/tao/", views.feed_create, name="feed_create"),
    path("lich/<int:pk>/thu-hoi/", views.feed_revoke, name="feed_revoke"),
    path("lich/<str:token>.ics", views.feed, name="feed"),
]
