from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class Regio(models.Model):
    """A youth-care region (jeugdzorgregio): the municipalities that buy care together."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.naam


class OrganisatieQuerySet(models.QuerySet["Organisatie"]):
    def for_user(self, user: User | AnonymousUser) -> OrganisatieQuerySet:
        """Admins see every organisation, everyone else only their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_functioneel_beheerder:
            return self.all()
        return self.filter(pk=user.organisatie_id)


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        ZORGAANBIEDER = "zorgaanbieder", _("Zorgaanbieder")
        GEMEENTE = "gemeente", _("Gemeente of regio")
        GI = "gi", _("Gecertificeerde instelling (jeugdbescherming)")

    naam = models.CharField(_("naam"), max_length=150, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    regio = models.ForeignKey(
        Regio,
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="organisaties",
        help_text=_("De regio waarvoor deze organisatie werkt."),
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.naam


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("Een gebruiker heeft een e-mailadres nodig.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("rol", Rol.FUNCTIONEEL_BEHEERDER)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # E-mail addresses are matched case-insensitively at login.
        return self.get(email__iexact=username)


class Rol(models.TextChoices):
    COORDINATOR = "coordinator", _("Plaatsingscoördinator")
    BEHEERDER = "beheerder", _("KWV-beheerder")
    JONGERE = "jongere", _("Jongere")
    OUDER = "ouder", _("Ouder of verzorger")
    FUNCTIONEEL_BEHEERDER = "admin", _("Functioneel beheerder")
    JEUGDBESCHERMER = "jeugdbeschermer", _("Jeugdbeschermer (gecertificeerde instelling)")
    EXPERTTEAM = "expertteam", _("Regionaal expertteam")


# Which kind of organisation each professional role works for.
ROL_ORGANISATIE = {
    Rol.COORDINATOR: Organisatie.Soort.GEMEENTE,
    Rol.BEHEERDER: Organisatie.Soort.ZORGAANBIEDER,
    Rol.JEUGDBESCHERMER: Organisatie.Soort.GI,
    # The region's expert table sits with the municipalities that buy care together.
    Rol.EXPERTTEAM: Organisatie.Soort.GEMEENTE,
}


class User(AbstractUser):
    """A person who logs in with an e-mail address and has exactly one role."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mailadres"), unique=True)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="medewerkers",
        null=True,
        blank=True,
        help_text=_("Voor coördinatoren, beheerders en jeugdbeschermers: waar zij werken."),
    )
    is_gedragswetenschapper = models.BooleanField(
        _("gedragswetenschapper"),
        default=False,
        help_text=_(
            "Aan de kant van de coördinatoren: mag tegenspraak geven op een voorstel "
            "met open aandachtspunten."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment, misc]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_coordinator(self) -> bool:
        return self.rol == Rol.COORDINATOR

    @property
    def is_beheerder(self) -> bool:
        return self.rol == Rol.BEHEERDER

    @property
    def is_jongere(self) -> bool:
        return self.rol == Rol.JONGERE

    @property
    def is_ouder(self) -> bool:
        return self.rol == Rol.OUDER

    @property
    def is_functioneel_beheerder(self) -> bool:
        return self.rol == Rol.FUNCTIONEEL_BEHEERDER

    @property
    def is_jeugdbeschermer(self) -> bool:
        return self.rol == Rol.JEUGDBESCHERMER

    @property
    def is_expertteam(self) -> bool:
        return self.rol == Rol.EXPERTTEAM

    @property
    def is_professional(self) -> bool:
        return self.rol in {
            Rol.COORDINATOR,
            Rol.BEHEERDER,
            Rol.FUNCTIONEEL_BEHEERDER,
            Rol.JEUGDBESCHERMER,
            Rol.EXPERTTEAM,
        }

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        super().clean()
        soort = ROL_ORGANISATIE.get(Rol(self.rol)) if self.rol else None
        if soort is not None:
            if self.organisatie is None:
                raise ValidationError(
                    {"organisatie": _("Kies de organisatie waar deze persoon werkt.")}
                )
            if self.organisatie.soort != soort:
                raise ValidationError(
                    {
                        "organisatie": _("Deze rol hoort bij een %(soort)s.")
                        % {"soort": Organisatie.Soort(soort).label.lower()}
                    }
                )
        elif self.rol in {Rol.JONGERE, Rol.OUDER} and self.organisatie_id is not None:
            raise ValidationError(
                {"organisatie": _("Jongeren en ouders horen niet bij een organisatie.")}
            )


class MeldingQuerySet(models.QuerySet["Melding"]):
    def for_user(self, user: User | AnonymousUser) -> MeldingQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(ontvanger=user)

    def ongelezen(self) -> MeldingQuerySet:
        return self.filter(gelezen_op__isnull=True)


class Melding(models.Model):
    """An in-portal notice for one person. The text never holds sensitive details:
    it says what changed and links to the page where the person may read more."""

    ontvanger = models.ForeignKey(
        User, verbose_name=_("ontvanger"), on_delete=models.CASCADE, related_name="meldingen"
    )
    tekst = models.CharField(_("tekst"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = MeldingQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"])]

    def __str__(self) -> str:
        return self.tekst


class ActieveSessie(models.Model):
    """Which session belongs to whom, so deactivating a user can end all their sessions.

    Django's session store has no index by user; this small table is that index. A row is
    added at login and removed at logout or when the user is deactivated.
    """

    gebruiker = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="sessies"
    )
    sessie_sleutel = models.CharField(_("sessiesleutel"), max_length=40, unique=True)
    aangemaakt = models.DateTimeField(_("ingelogd op"), default=timezone.now)

    class Meta:
        verbose_name = _("actieve sessie")
        verbose_name_plural = _("actieve sessies")

    def __str__(self) -> str:
        return f"{self.gebruiker} · {self.aangemaakt:%Y-%m-%d %H:%M}"


class KoppelLink(models.Model):
    """A one-time link through which a professional binds an authenticator app.

    An admin makes it (the link is shown once, to hand over); only its SHA-256 is kept, so
    neither the database nor a back-up holds a usable link. It works once, before
    `geldig_tot`; a new link for the same person ends the earlier ones.
    """

    gebruiker = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="koppellinks"
    )
    token_hash = models.CharField(_("vingerafdruk"), max_length=64, unique=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        User,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    geldig_tot = models.DateTimeField(_("geldig tot"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = _("koppellink voor de authenticator-app")
        verbose_name_plural = _("koppellinks voor de authenticator-app")

    def __str__(self) -> str:
        return f"{self.gebruiker} · {self.aangemaakt_op:%Y-%m-%d %H:%M}"

    @property
    def is_bruikbaar(self) -> bool:
        return self.gebruikt_op is None and self.geldig_tot > timezone.now()


class Drempelteller(models.Model):
    """How often one key (a client address, an e-mail address; both as a keyed hash) did
    one thing in the current window: the throttle of `accounts.drempel`. In the database,
    so every web process counts the same requests."""

    sleutel = models.CharField(_("sleutel"), max_length=64, unique=True)
    venster_begin = models.DateTimeField(_("venster begint"))
    aantal = models.PositiveIntegerField(_("aantal"), default=0)

    class Meta:
        verbose_name = _("drempelteller")
        verbose_name_plural = _("drempeltellers")

    def __str__(self) -> str:
        return f"{self.sleutel[:8]}… {self.aantal}"


class Authenticator(TOTPDevice):
    """A person's authenticator app (django-otp's TOTP device) as the admin names it: the
    same table, a Dutch name."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator-app")
        verbose_name_plural = _("authenticator-apps")


class Herstelcodes(StaticDevice):
    """A person's set of recovery codes (django-otp's static device) as the admin names it."""

    class Meta:
        proxy = True
        verbose_name = _("set herstelcodes")
        verbose_name_plural = _("sets herstelcodes")
