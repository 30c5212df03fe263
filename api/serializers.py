"""What the API reads and writes. Field names are the portal's own (Dutch) names.

Serializers only shape and check the request; every change goes through the same services
as the web pages (`voorzieningen.services`, `voorstellen.services`), which check the rules.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from jongeren.models import SchoolNiveau
from kern.models import Kenmerk
from voorstellen.models import Afwijsreden, Kennismaking, Voorstel, VoorstelStatus
from voorzieningen.models import (
    GeloofCultuur,
    Omgeving,
    Ouderdeelname,
    Rookbeleid,
    Taal,
    Toegankelijkheid,
    Toelatingsregel,
    Vacature,
    Voeding,
    Voorziening,
)

# --- Problems (for the schema) -------------------------------------------------------------


class FoutSerializer(serializers.Serializer[Any]):
    veld = serializers.CharField(
        allow_null=True, help_text=_("Het veld, bijvoorbeeld toelatingsbeleid[0].reden.")
    )
    melding = serializers.CharField(help_text=_("Wat er mis is, in het Nederlands."))


class ProbleemSerializer(serializers.Serializer[Any]):
    """RFC 9457 problem details (application/problem+json)."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    fouten = FoutSerializer(many=True, required=False)


# --- Homes -----------------------------------------------------------------------------------


def _keuzelijst(keuzes: Any, help_text: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.ChoiceField(choices=keuzes), required=False, help_text=help_text
    )


class ToelatingsregelSerializer(serializers.Serializer[Any]):
    soort = serializers.ChoiceField(
        choices=Toelatingsregel.Soort.choices,
        help_text=_(
            "geslacht: alleen meisjes of jongens; geen_machtiging: geen jongeren met een "
            "machtiging gesloten jeugdhulp; behoefte: iets wat de woning niet kan bieden."
        ),
    )
    geslacht = serializers.ChoiceField(
        choices=Toelatingsregel.Geslacht.choices,
        required=False,
        allow_blank=True,
        help_text=_("Bij soort geslacht: v (alleen meisjes) of m (alleen jongens)."),
    )
    behoefte = serializers.SlugRelatedField(
        source="kenmerk",
        slug_field="code",
        queryset=Kenmerk.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Bij soort behoefte: de code van wat de woning niet kan bieden."),
    )
    sterkte = serializers.ChoiceField(
        choices=Toelatingsregel.Sterkte.choices,
        help_text=_("hard: de woning komt niet in aanmerking; voorkeur: telt mee in de score."),
    )
    reden = serializers.CharField(max_length=300, help_text=_("In eigen woorden: waarom."))


class OnderwijsSerializer(serializers.Serializer[Any]):
    soort = serializers.CharField()
    naam = serializers.CharField()
    afstand_km = serializers.DecimalField(max_digits=4, decimal_places=1)
    niveaus = serializers.ListField(child=serializers.ChoiceField(choices=SchoolNiveau.choices))


class BehandelpartnerSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField()
    behandeling = serializers.CharField()


class WoningKortSerializer(serializers.ModelSerializer[Voorziening]):
    vrije_plaatsen = serializers.IntegerField(read_only=True)

    class Meta:
        model = Voorziening
        fields = [
            "id",
            "naam",
            "plaats",
            "omgeving",
            "gesloten",
            "max_bewoners",
            "bewoners_aantal",
            "vrije_plaatsen",
            "leeftijd_min",
            "leeftijd_max",
            "gewijzigd_op",
        ]
        read_only_fields = fields


# What a provider's system may change in a home's profile. The address and coordinates stay
# on the profile page, where the postcode is looked up; the resident count is never written.
WOONPROFIEL_VELDEN = [
    "beschrijving",
    "opent_op",
    "omgeving",
    "gesloten",
    "max_bewoners",
    "voorkeur_bewoners",
    "leeftijd_min",
    "leeftijd_max",
    "medewerkers_per_dienst",
    "ouderdeelname",
    "ouderdeelname_toelichting",
    "eigen_kamer",
    "kamers_toelichting",
    "toegankelijkheid",
    "huisdieren",
    "eigen_huisdier",
    "roken",
    "huisregels",
    "talen",
    "talen_anders",
    "voeding",
    "geloof_cultuur",
    "geloof_cultuur_toelichting",
]


class WoningSerializer(serializers.ModelSerializer[Voorziening]):
    """A home's whole profile, as its provider keeps it."""

    vrije_plaatsen = serializers.IntegerField(read_only=True)
    omgeving = serializers.ChoiceField(choices=Omgeving.choices, required=False)
    roken = serializers.ChoiceField(choices=Rookbeleid.choices, required=False, allow_blank=True)
    ouderdeelname = _keuzelijst(Ouderdeelname.choices, _("Hoe ouders kunnen meedoen."))
    toegankelijkheid = _keuzelijst(Toegankelijkheid.choices, _("Toegankelijkheid."))
    talen = _keuzelijst(Taal.choices, _("Talen die het team spreekt."))
    voeding = _keuzelijst(Voeding.choices, _("Eten waar de woning rekening mee houdt."))
    geloof_cultuur = _keuzelijst(GeloofCultuur.choices, _("Ruimte voor geloof en cultuur."))
    aanbod = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=Kenmerk.objects.actief(),
        required=False,
        help_text=_("Codes van wat de woning en het team bieden."),
    )
    toelatingsbeleid = ToelatingsregelSerializer(
        source="toelatingsregels",
        many=True,
        required=False,
        help_text=_("Het hele toelatingsbeleid; bij een wijziging vervangt deze lijst het oude."),
    )
    onderwijs = OnderwijsSerializer(many=True, read_only=True)
    behandelpartners = BehandelpartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Voorziening
        fields = [
            "id",
            "naam",
            "adres",
            "postcode",
            "plaats",
            "provincie",
            "bewoners_aantal",
            "vrije_plaatsen",
            *WOONPROFIEL_VELDEN,
            "aanbod",
            "toelatingsbeleid",
            "onderwijs",
            "behandelpartners",
            "gewijzigd_op",
        ]
        read_only_fields = [
            "id",
            "naam",
            "adres",
            "postcode",
            "plaats",
            "provincie",
            "bewoners_aantal",
            "gewijzigd_op",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        for veld in ("ouderdeelname", "toegankelijkheid", "talen", "voeding", "geloof_cultuur"):
            if veld in attrs and len(set(attrs[veld])) != len(attrs[veld]):
                raise serializers.ValidationError({veld: _("Een keuze staat er dubbel in.")})
        return attrs


# --- Vacancies -----------------------------------------------------------------------------


class VacatureSerializer(serializers.ModelSerializer[Vacature]):
    woning = serializers.IntegerField(source="voorziening_id", read_only=True)
    zichtbaar = serializers.SerializerMethodField(
        help_text=_("Open en op tijd bevestigd: coördinatoren zien deze plek.")
    )

    class Meta:
        model = Vacature
        fields = [
            "id",
            "woning",
            "beschikbaar_vanaf",
            "status",
            "laatst_bevestigd",
            "zichtbaar",
            "aangemaakt_op",
        ]
        read_only_fields = fields

    def get_zichtbaar(self, vacature: Vacature) -> bool:
        return vacature.status == Vacature.Status.OPEN and not vacature.is_verlopen()


class VacatureNieuwSerializer(serializers.Serializer[Any]):
    beschikbaar_vanaf = serializers.DateField(help_text=_("Vanaf wanneer de plek vrij is."))


# --- Proposals -----------------------------------------------------------------------------


class KennismakingSerializer(serializers.ModelSerializer[Kennismaking]):
    class Meta:
        model = Kennismaking
        fields = ["soort", "datum", "plaats", "gehouden_op"]
        read_only_fields = fields


class VoorstelKortSerializer(serializers.ModelSerializer[Voorstel]):
    pseudoniem = serializers.CharField(read_only=True)
    woning = serializers.IntegerField(source="voorziening_id", read_only=True)
    volledig_gedeeld = serializers.SerializerMethodField()
    te_laat = serializers.BooleanField(source="is_te_laat", read_only=True)

    class Meta:
        model = Voorstel
        fields = [
            "id",
            "pseudoniem",
            "woning",
            "status",
            "verstuurd_op",
            "antwoord_uiterlijk",
            "te_laat",
            "beantwoord_op",
            "volledig_gedeeld",
        ]
        read_only_fields = fields

    def get_volledig_gedeeld(self, voorstel: Voorstel) -> bool:
        return voorstel.volledig_gedeeld_op is not None


class BehoefteSerializer(serializers.Serializer[Any]):
    naam = serializers.CharField()
    belang = serializers.CharField(help_text=_("Hoe belangrijk, in woorden."))


class PrioriteitSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()
    belang = serializers.CharField()


class ProfielSerializer(serializers.Serializer[Any]):
    """The profile without a name (jongeren/profiel.py), as the manager's proposal page
    shows it: what a home reads before the family agreed to share more."""

    leeftijd = serializers.IntegerField(help_text=_("Leeftijd op de dag dat een plek nodig is."))
    nodig_vanaf = serializers.DateField()
    geslacht = serializers.CharField()
    zorgprofiel = serializers.CharField(allow_blank=True)
    zorgintensiteit = serializers.CharField(allow_blank=True)
    behoeften = BehoefteSerializer(many=True)
    prioriteiten = PrioriteitSerializer(many=True)
    tekst = serializers.CharField(
        allow_blank=True, help_text=_("De tekst van de coördinator voor de woning.")
    )


class AnalyseSerializer(serializers.Serializer[Any]):
    """The whole analysis: only after the youth and parents agreed to share it."""

    naam = serializers.CharField()
    krachten = serializers.CharField(allow_blank=True)
    wat_werkt = serializers.CharField(allow_blank=True)
    motivatie = serializers.CharField(allow_blank=True)
    factoren = serializers.CharField(allow_blank=True)
    behoeften_toelichting = serializers.CharField(allow_blank=True)
    aandachtspunten = serializers.ListField(child=serializers.CharField())


class GroepNaSerializer(serializers.Serializer[Any]):
    niveau = serializers.ChoiceField(choices=["laag", "verhoogd", "hoog"])
    redenen = serializers.ListField(child=serializers.CharField())


class FactorSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    punten = serializers.FloatField()
    max = serializers.FloatField()
    uitleg = serializers.CharField()


class UitlegSerializer(serializers.Serializer[Any]):
    """What the matching said, kept with the proposal, as this home's manager may read it."""

    groep = serializers.CharField(allow_blank=True, help_text=_("Past het in de groep?"))
    groep_na = GroepNaSerializer(allow_null=True)
    score = serializers.FloatField(
        allow_null=True, required=False, help_text=_("Alleen na toestemming.")
    )
    factoren = FactorSerializer(many=True, required=False, help_text=_("Alleen na toestemming."))


class GevolgSerializer(serializers.Serializer[Any]):
    bewoner = serializers.CharField(help_text=_("Uw eigen aanduiding van de bewoner."))
    gevolgen = serializers.ListField(child=serializers.CharField())


class VoorstelSerializer(VoorstelKortSerializer):
    profiel = serializers.SerializerMethodField()
    analyse = serializers.SerializerMethodField()
    uitleg = serializers.SerializerMethodField()
    gevolgen_per_bewoner = serializers.SerializerMethodField()
    kennismaking = serializers.SerializerMethodField()

    class Meta(VoorstelKortSerializer.Meta):
        fields = [
            *VoorstelKortSerializer.Meta.fields,
            "profiel",
            "analyse",
            "uitleg",
            "gevolgen_per_bewoner",
            "kennismaking",
        ]
        read_only_fields = fields

    def _lezing(self) -> dict[str, Any]:
        lezing: dict[str, Any] = self.context["lezing"]
        return lezing

    @extend_schema_field(ProfielSerializer)
    def get_profiel(self, voorstel: Voorstel) -> dict[str, Any]:
        return self._lezing()["profiel"]

    @extend_schema_field(AnalyseSerializer(allow_null=True))
    def get_analyse(self, voorstel: Voorstel) -> dict[str, Any] | None:
        analyse: dict[str, Any] | None = self._lezing()["analyse"]
        return analyse

    @extend_schema_field(UitlegSerializer)
    def get_uitleg(self, voorstel: Voorstel) -> dict[str, Any]:
        return self._lezing()["uitleg"]

    @extend_schema_field(GevolgSerializer(many=True))
    def get_gevolgen_per_bewoner(self, voorstel: Voorstel) -> list[dict[str, Any]]:
        gevolgen: list[dict[str, Any]] = self._lezing()["gevolgen"]
        return gevolgen

    @extend_schema_field(KennismakingSerializer(allow_null=True))
    def get_kennismaking(self, voorstel: Voorstel) -> dict[str, Any] | None:
        kennismaking = voorstel.kennismaking_of_none()
        return KennismakingSerializer(kennismaking).data if kennismaking else None


class AntwoordSerializer(serializers.Serializer[Any]):
    interesse = serializers.BooleanField(help_text=_("true: wij hebben interesse; false: niet."))
    reden = serializers.ChoiceField(
        choices=Afwijsreden.choices,
        required=False,
        allow_blank=True,
        help_text=_("Verplicht bij geen interesse."),
    )
    toelichting = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text=_("Verplicht bij reden 'anders'."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["interesse"] and not attrs.get("reden"):
            raise serializers.ValidationError({"reden": _("Kies een reden.")})
        if attrs.get("reden") == Afwijsreden.ANDERS and not attrs.get("toelichting", "").strip():
            raise serializers.ValidationError(
                {"toelichting": _("Schrijf kort op wat de reden is.")}
            )
        return attrs


STATUSSEN = [status for status in VoorstelStatus.values if status != VoorstelStatus.CONCEPT]
