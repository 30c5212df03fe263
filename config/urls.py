from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from config import views

admin.site.site_header = "Passende Plek — beheer"
admin.site.site_title = "Passende Plek"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("taal/", set_language, name="set_language"),
    path("privacy", views.privacy, name="privacy"),
    path("toegankelijkheid", views.toegankelijkheid, name="toegankelijkheid"),
    # Browsers ask for /favicon.ico on pages without our icon link (the admin).
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True)),
    path("beheer/django/", admin.site.urls),
    # The provider API; a new version gets its own prefix next to this one.
    path("api/v1/", include("api.urls")),
    path("voorzieningen/", include("voorzieningen.urls")),
    path("", include("accounts.urls")),
    path("", include("jongeren.urls")),
    path("", include("matching.urls")),
    path("", include("voorstellen.urls")),
    path("", include("plaatsingstafel.urls")),
    path("", include("privacy.urls")),
]
