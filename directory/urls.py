from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("glossary/", views.glossary, name="glossary"),
    path("directory/<slug:slug>/", views.listing_detail, name="detail"),
]
