from django.urls import path

from . import views

app_name = "enquiries"

urlpatterns = [
    path("directory/<slug:slug>/enquiry/", views.enquiry_create, name="create"),
    path("enquiries/new/", views.enquiry_many, name="many"),
    path("dashboard/listings/<slug:slug>/enquiries/", views.inbox, name="inbox"),
    path("dashboard/listings/<slug:slug>/enquiries/<int:pk>/", views.enquiry_detail, name="detail"),
    path("dashboard/listings/<slug:slug>/enquiries/<int:pk>/answered/", views.mark_answered, name="answered"),
]
