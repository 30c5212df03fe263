from django.urls import path

from plaatsingstafel import views

app_name = "plaatsingstafel"

urlpatterns = [
    path("stabiliteit/", views.stabiliteit, name="stabiliteit"),
    path("regio/", views.regio, name="regio"),
    path("regio/regiobeeld.csv", views.regio_csv, name="regio_csv"),
    path("regio/vrije-plekken.csv", views.vrije_plekken_csv, name="vrije_plekken_csv"),
    path("regio/vrije-plekken.json", views.vrije_plekken_json, name="vrije_plekken_json"),
    path("regio/verdeling/", views.toewijzing, name="toewijzing"),
    path("regio/verdeling/<int:pk>/", views.verdeling, name="verdeling"),
    path("regio/verdeling/<int:pk>/stoppen/", views.verdeling_stoppen, name="verdeling_stoppen"),
    path("regio/uitkomsten/", views.uitkomsten, name="uitkomsten"),
    path("regio/expertteam/", views.expertteam, name="expertteam"),
]
