from django.urls import path

from voorzieningen import views

app_name = "voorzieningen"

urlpatterns = [
    # The manager's side
    path("", views.dashboard, name="dashboard"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/beheer/", views.beheer, name="beheer"),
    path("<int:pk>/beheer/profiel/", views.profiel, name="profiel"),
    path("<int:pk>/beheer/team/", views.team, name="team"),
    path("<int:pk>/beheer/team/<int:teamlid_pk>/", views.teamlid, name="teamlid"),
    path(
        "<int:pk>/beheer/team/<int:teamlid_pk>/uit-het-team/",
        views.teamlid_einde,
        name="teamlid_einde",
    ),
    path("<int:pk>/beheer/aankomst/", views.aankomst, name="aankomst"),
    path("<int:pk>/beheer/nieuwe-bewoner/", views.nieuwe_bewoner, name="nieuwe_bewoner"),
    path("<int:pk>/beheer/bewoners/", views.bewoners, name="bewoners"),
    path("<int:pk>/beheer/bewoners/<int:plaatsing_pk>/", views.bewoner, name="bewoner"),
    path("<int:pk>/beheer/bewoners/<int:plaatsing_pk>/vertrek/", views.vertrek, name="vertrek"),
    path("<int:pk>/beheer/vacatures/nieuw/", views.vacature_nieuw, name="vacature_nieuw"),
    path(
        "<int:pk>/beheer/vacatures/<int:vacature_pk>/bevestigen/",
        views.vacature_bevestigen,
        name="vacature_bevestigen",
    ),
    path(
        "<int:pk>/beheer/vacatures/<int:vacature_pk>/intrekken/",
        views.vacature_intrekken,
        name="vacature_intrekken",
    ),
    # Photos: for whoever may see the home, and the family of a proposal to it.
    path("<int:pk>/fotos/<int:foto_pk>/", views.foto, name="foto"),
    # A youth's stay: the youth, a parent who reads the file, the coordinator, the home.
    path("verblijf/<int:plaatsing_pk>/", views.verblijf_detail, name="verblijf"),
    path("verblijf/<int:plaatsing_pk>/mentor/", views.verblijf_mentor, name="verblijf_mentor"),
    path(
        "verblijf/<int:plaatsing_pk>/overgang/", views.verblijf_overgang, name="verblijf_overgang"
    ),
    # The coordinator's side
    path("overzicht/", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
]
