from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("jongeren/<int:pk>/zoeken/", views.zoeken, name="zoeken"),
    path("jongeren/<int:pk>/zoeken/vergelijk/", views.vergelijk, name="vergelijk"),
    path("jongeren/<int:pk>/zoeken/bewaren/", views.zoekopdracht_bewaren, name="bewaren"),
    path(
        "jongeren/<int:pk>/zoekopdrachten/<int:zoekopdracht_pk>/",
        views.zoekopdracht,
        name="zoekopdracht",
    ),
]
