from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("jongeren/<int:pk>/gegevens/", views.gegevens, name="gegevens"),
    path("jongeren/<int:pk>/gegevens.json", views.gegevens_json, name="gegevens_json"),
    path("mijn/<int:pk>/gegevens/", views.mijn_gegevens, name="mijn_gegevens"),
    path("mijn/<int:pk>/gegevens.json", views.mijn_gegevens_json, name="mijn_gegevens_json"),
    path("mijn/<int:pk>/wie-keek/", views.mijn_inzage, name="mijn_inzage"),
    path("beheer/inzage/", views.inzage_log, name="inzage_log"),
    path("beheer/inzage/per-dag/", views.inzage_per_dag, name="inzage_per_dag"),
    path("beheer/inzage/reden/<int:pk>/", views.reden_opgeven, name="reden"),
]
