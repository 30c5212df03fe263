from django.urls import path

from matching import views, views_regio, views_stabiliteit, views_voorstellen

app_name = "matching"

urlpatterns = [
    path("jongeren/<int:pk>/zoeken/", views.zoeken, name="zoeken"),
    path("jongeren/<int:pk>/zoeken/bewaren/", views.zoekopdracht_bewaren, name="bewaren"),
    path(
        "voorzieningen/<int:pk>/beheer/nieuwe-bewoner/",
        views.nieuwe_bewoner,
        name="nieuwe_bewoner",
    ),
    path(
        "jongeren/<int:pk>/zoekopdrachten/<int:zoekopdracht_pk>/",
        views.zoekopdracht,
        name="zoekopdracht",
    ),
    path(
        "jongeren/<int:pk>/voorstellen/nieuw/<int:voorziening_pk>/",
        views_voorstellen.voorstel_nieuw,
        name="voorstel_nieuw",
    ),
    path("voorstellen/", views_voorstellen.voorstel_lijst, name="voorstellen"),
    path("voorstellen/<int:pk>/", views_voorstellen.voorstel, name="voorstel"),
    path("voorstellen/<int:pk>/afdruk/", views_voorstellen.voorstel_afdruk, name="voorstel_afdruk"),
    path(
        "voorstellen/<int:pk>/kennismaking.ics",
        views_voorstellen.kennismaking_ics,
        name="kennismaking_ics",
    ),
    path(
        "voorstellen/<int:pk>/<slug:actie>/",
        views_voorstellen.voorstel_actie,
        name="voorstel_actie",
    ),
    path("mijn/voorstellen/", views_voorstellen.mijn_voorstellen, name="mijn_voorstellen"),
    path("stabiliteit/", views_stabiliteit.stabiliteit, name="stabiliteit"),
    path("regio/", views_regio.regio, name="regio"),
    path("regio/regiobeeld.csv", views_regio.regio_csv, name="regio_csv"),
    path("regio/vrije-plekken.csv", views_regio.vrije_plekken_csv, name="vrije_plekken_csv"),
    path("regio/vrije-plekken.json", views_regio.vrije_plekken_json, name="vrije_plekken_json"),
    path("regio/verdeling/", views_regio.toewijzing, name="toewijzing"),
    path("regio/verdeling/<int:pk>/", views_regio.verdeling, name="verdeling"),
    path(
        "regio/verdeling/<int:pk>/stoppen/",
        views_regio.verdeling_stoppen,
        name="verdeling_stoppen",
    ),
    path("regio/uitkomsten/", views_regio.uitkomsten, name="uitkomsten"),
]
