from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from api import docs, views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", docs.documentatie, name="docs"),
    path("woningen/", views.woningen, name="woningen"),
    path("woningen/<int:pk>/", views.woning, name="woning"),
    path("woningen/<int:pk>/vacatures/", views.vacatures, name="vacatures"),
    path("vacatures/<int:pk>/", views.vacature, name="vacature"),
    path("vacatures/<int:pk>/bevestigen/", views.vacature_bevestigen, name="vacature_bevestigen"),
    path("vacatures/<int:pk>/intrekken/", views.vacature_intrekken, name="vacature_intrekken"),
    path("voorstellen/", views.voorstellen, name="voorstellen"),
    path("voorstellen/<int:pk>/", views.voorstel, name="voorstel"),
    path("voorstellen/<int:pk>/antwoord/", views.voorstel_antwoord, name="voorstel_antwoord"),
]
