from django.urls import path

from jongeren import views

app_name = "jongeren"

urlpatterns = [
    # The coordinator's pages.
    path("jongeren/", views.lijst, name="lijst"),
    path("jongeren/nieuw/", views.jongere_nieuw, name="nieuw"),
    path("jongeren/<int:pk>/", views.detail, name="detail"),
    path("jongeren/<int:pk>/bewerken/", views.jongere_bewerken, name="bewerken"),
    path("jongeren/<int:pk>/analyse/", views.analyse_bewerken, name="analyse_bewerken"),
    path("jongeren/<int:pk>/analyse/versies/", views.analyse_versies, name="analyse_versies"),
    path("jongeren/<int:pk>/analyse/<int:versie>/", views.analyse_versie, name="analyse_versie"),
    path(
        "jongeren/<int:pk>/analyse/<int:versie>/voorleggen/",
        views.analyse_voorleggen,
        name="analyse_voorleggen",
    ),
    path(
        "jongeren/<int:pk>/analyse/<int:versie>/akkoord/",
        views.analyse_akkoord,
        name="analyse_akkoord",
    ),
    path(
        "jongeren/<int:pk>/analyse/<int:versie>/instemming-vastleggen/",
        views.instemming_vastleggen,
        name="instemming_vastleggen",
    ),
    path(
        "jongeren/<int:pk>/analyse/<int:versie>/signalen-vrijgeven/",
        views.analyse_signalen_vrijgeven,
        name="analyse_signalen_vrijgeven",
    ),
    path("jongeren/<int:pk>/broers-zussen/", views.broers_zussen, name="broers_zussen"),
    path("jongeren/<int:pk>/uitnodigen/", views.uitnodigen, name="uitnodigen"),
    path("jongeren/<int:pk>/beschermde-zones/nieuw/", views.zone_nieuw, name="zone_nieuw"),
    path(
        "jongeren/<int:pk>/beschermde-zones/<int:zone_pk>/opheffen/",
        views.zone_verwijderen,
        name="zone_verwijderen",
    ),
    # The youth's and the parents' pages.
    path("mijn/", views.mijn, name="mijn"),
    path("mijn/<int:pk>/", views.mijn_jongere, name="mijn_jongere"),
    path("mijn/<int:pk>/aanpassen/", views.mijn_aanpassen, name="mijn_aanpassen"),
    path("mijn/<int:pk>/reactie/", views.mijn_reactie, name="mijn_reactie"),
    path("mijn/<int:pk>/wie-leest-wat/", views.mijn_wie_leest, name="mijn_wie_leest"),
    path("mijn/<int:pk>/bevestigen/", views.mijn_bevestigen, name="mijn_bevestigen"),
    path("jeugdbescherming/", views.beschermd, name="beschermd"),
    path("mijn/<int:pk>/veranderingen/", views.mijn_veranderingen, name="mijn_veranderingen"),
    # The e-mailed invitation link (no login: this is where the password is chosen).
    path("mijn/welkom/<str:token>/", views.uitnodiging, name="uitnodiging"),
]
