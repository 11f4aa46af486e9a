from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("projects/", views.project_list, name="list"),
    path("projects/<slug:slug>/", views.project_detail, name="detail"),
    path("projects/<slug:slug>/interest/", views.interest, name="interest"),
    path("dashboard/projects/", views.my_projects, name="mine"),
    path("dashboard/projects/new/", views.project_propose, name="propose"),
    # Under manage/, so that no project's slug can shadow the pages above.
    path("dashboard/projects/manage/<slug:slug>/", views.project_manage, name="manage"),
    path("dashboard/projects/manage/<slug:slug>/advance/", views.project_advance, name="advance"),
    path("dashboard/projects/manage/<slug:slug>/interests/<int:pk>/", views.interest_decide, name="decide"),
]
