from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("glossary/", views.glossary, name="glossary"),
    path("directory/", views.listing_list, name="list"),
    path("directory/map.json", views.listing_map, name="map"),
    path("clusters/", views.cluster_list, name="clusters"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("directory/export.csv", views.listing_export_csv, name="export_csv"),
    path("directory/<slug:slug>/", views.listing_detail, name="detail"),
    path("directory/<slug:slug>/card.png", views.listing_card, name="card"),
]
