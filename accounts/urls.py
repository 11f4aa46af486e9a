from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("new/", views.listing_create, name="listing_create"),
    path("regions/", views.regions, name="regions"),
    path("account/", views.account, name="account"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("claim/<slug:slug>/", views.claim, name="claim"),
    path("claims/<int:pk>/document/", views.claim_document, name="claim_document"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Listing pages sit under listings/ so that no slug can shadow the pages above.
    path("listings/<slug:slug>/", views.listing_edit, name="listing_edit"),
    path("listings/<slug:slug>/submit/", views.listing_submit, name="listing_submit"),
    path("listings/<slug:slug>/photos/", views.photos, name="photos"),
    path("listings/<slug:slug>/photos/<int:pk>/caption/", views.photo_caption, name="photo_caption"),
    path("listings/<slug:slug>/photos/<int:pk>/move/", views.photo_move, name="photo_move"),
    path("listings/<slug:slug>/photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("listings/<slug:slug>/logo/", views.logo, name="logo"),
    path("listings/<slug:slug>/team/", views.team, name="team"),
    path("listings/<slug:slug>/team/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("listings/<slug:slug>/team/<int:pk>/owner/", views.ownership_hand_over, name="ownership_hand_over"),
]
