from django.urls import path, re_path

from . import views

app_name = "stats"

urlpatterns = [
    path("statistik/", views.statistics, name="index"),
    re_path(r"^statistik/(?P<name>[a-z]+)\.csv$", views.chart_csv, name="csv"),
]
