from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("directory/<slug:slug>/report/", views.report, name="report"),
]
