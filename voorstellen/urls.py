from django.urls import path

from voorstellen import views

app_name = "voorstellen"

urlpatterns = [
    path(
        "jongeren/<int:pk>/voorstellen/nieuw/<int:voorziening_pk>/",
        views.voorstel_nieuw,
        name="voorstel_nieuw",
    ),
    path("voorstellen/", views.voorstel_lijst, name="lijst"),
    path("voorstellen/<int:pk>/", views.voorstel, name="voorstel"),
    path("voorstellen/<int:pk>/afdruk/", views.voorstel_afdruk, name="voorstel_afdruk"),
    path("voorstellen/<int:pk>/kennismaking.ics", views.kennismaking_ics, name="kennismaking_ics"),
    path("voorstellen/<int:pk>/<slug:actie>/", views.voorstel_actie, name="voorstel_actie"),
    path("mijn/voorstellen/", views.mijn_voorstellen, name="mijn_voorstellen"),
]
