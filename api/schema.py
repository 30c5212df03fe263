"""How the OpenAPI schema describes the key: an HTTP bearer token."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SleutelAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = "api.authentication.SleutelAuthenticatie"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Een API-sleutel van uw zorgaanbieder (begint met pp_). De functioneel "
                "beheerder van het portaal maakt en trekt sleutels in."
            ),
        }
