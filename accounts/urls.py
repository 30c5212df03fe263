from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views, views_tweestaps
from accounts.forms import ResetForm, WachtwoordWijzigenForm

urlpatterns = [
    path("", views.start, name="start"),
    path("beheer/", views.beheer_start, name="beheer_start"),
    path("meldingen/", views.meldingen, name="meldingen"),
    path("accounts/login/", views_tweestaps.InlogView.as_view(), name="login"),
    path("accounts/login/code/", views_tweestaps.login_code, name="login_code"),
    path(
        "accounts/login/herstelcode/", views_tweestaps.login_herstelcode, name="login_herstelcode"
    ),
    path("accounts/tweestaps/", views_tweestaps.tweestaps, name="tweestaps"),
    path("accounts/koppelen/<str:token>/", views_tweestaps.koppelen, name="koppelen"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/wachtwoord-wijzigen/",
        auth_views.PasswordChangeView.as_view(form_class=WachtwoordWijzigenForm),
        name="password_change",
    ),
    path(
        "accounts/wachtwoord-wijzigen/klaar/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/wachtwoord-vergeten/",
        views_tweestaps.HerstelView.as_view(
            form_class=ResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/nieuw-wachtwoord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/nieuw-wachtwoord/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
