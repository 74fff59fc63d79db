"""The console's own pages, mounted at settings.ADMIN_URL before the admin's URLs so that
its home replaces the admin index (lendingsite/urls.py)."""

from django.contrib import admin
from django.urls import path

from console.views import books, dashboard, home, reports, switches

app_name = "console"

urlpatterns = [
    path("", admin.site.admin_view(home.home), name="home"),
    path("dashboard/", admin.site.admin_view(dashboard.dashboard), name="dashboard"),
    path("books/", admin.site.admin_view(books.books), name="books"),
    path("reports/", admin.site.admin_view(reports.report_index), name="reports"),
    path("switches/", admin.site.admin_view(switches.switches), name="switches"),
    path("switches/<str:name>/", admin.site.admin_view(switches.switch_flip), name="switch_flip"),
    path("reports/<slug:name>/", admin.site.admin_view(reports.report_page), name="report"),
]
