"""Photos of a home: accepted only as images, limited in size, re-encoded without metadata.

A photo from a phone carries where and when it was taken (EXIF GPS and date), the camera and
sometimes an embedded preview of the uncropped picture. None of that belongs in the portal: a
photo is decoded to its pixels, turned upright by its orientation tag, scaled down and saved
again as a plain JPEG. Whatever else the file held is not copied. A file that is not an image
(or claims to be one but does not decode), is too large, or has too many pixels is refused
with a Dutch message that says what to do instead.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# An upload may be at most this large; phones make photos of 2 to 6 MB.
FOTO_MAX_BYTES = 8 * 1024 * 1024
# Decoding a small file of huge dimensions can take gigabytes of memory: refused before it.
FOTO_MAX_PIXELS = 40_000_000
# Stored photos are scaled to at most this many pixels on their longest side.
FOTO_MAX_ZIJDE = 1600
FOTO_KWALITEIT = 85
FOTOS_PER_WONING = 8
FORMATEN = frozenset({"JPEG", "PNG", "WEBP"})

# Keys in Pillow's `info` that hold metadata rather than pixels.
_METADATA = frozenset(
    {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop", "iptc"}
)


class FotoFout(ValidationError):
    """The upload cannot become a photo; the message says why and what to do."""


@dataclass(frozen=True)
class SchoneFoto:
    inhoud: bytes
    breedte: int
    hoogte: int
    # Whether the upload carried metadata that was left out (the person is told).
    metadata_verwijderd: bool


def _geen_foto() -> FotoFout:
    return FotoFout(
        _("Dit bestand is geen foto die we kunnen lezen. Kies een JPG-, PNG- of WebP-bestand."),
        code="geen_foto",
    )


def _te_groot(grootte: int) -> FotoFout:
    return FotoFout(
        _(
            "Deze foto is te groot (%(mb)s MB). Een foto mag hoogstens %(max)s MB zijn. "
            "Verklein de foto of kies een andere."
        )
        % {"mb": f"{grootte / 1024 / 1024:.1f}".replace(".", ","), "max": FOTO_MAX_BYTES // 2**20},
        code="te_groot",
    )


def _heeft_metadata(beeld: Image.Image) -> bool:
    if _METADATA & set(beeld.info):
        return True
    if getattr(beeld, "text", None):  # PNG text chunks
        return True
    return bool(beeld.getexif())


def maak_schoon(bestand: IO[bytes], grootte: int) -> SchoneFoto:
    """Decode an upload and re-encode its pixels as a plain JPEG, or refuse it."""
    if grootte > FOTO_MAX_BYTES:
        raise _te_groot(grootte)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below its own (much higher) limit; here it refuses.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(bestand) as beeld:
                if beeld.format not in FORMATEN:
                    raise _geen_foto()
                breedte, hoogte = beeld.size
                if breedte * hoogte > FOTO_MAX_PIXELS:
                    raise FotoFout(
                        _(
                            "Deze foto heeft te veel beeldpunten (%(b)s bij %(h)s). Verklein "
                            "de foto tot hoogstens 6000 beeldpunten breed of hoog."
                        )
                        % {"b": breedte, "h": hoogte},
                        code="te_groot",
                    )
                metadata = _heeft_metadata(beeld)
                beeld.load()
                rechtop = ImageOps.exif_transpose(beeld)
    except FotoFout:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise FotoFout(
            _("Deze foto heeft te veel beeldpunten. Verklein de foto en probeer het opnieuw."),
            code="te_groot",
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _geen_foto() from None
    if rechtop.mode in {"RGBA", "LA"} or (rechtop.mode == "P" and "transparency" in rechtop.info):
        # JPEG has no transparency: put transparent parts on white, as a page would show them.
        rgba = rechtop.convert("RGBA")
        achtergrond = Image.new("RGB", rgba.size, "white")
        achtergrond.paste(rgba, mask=rgba.getchannel("A"))
        rechtop = achtergrond
    else:
        rechtop = rechtop.convert("RGB")
    rechtop.thumbnail((FOTO_MAX_ZIJDE, FOTO_MAX_ZIJDE))
    # Only the pixels go into the new file: no exif=, icc_profile= or comment= is passed.
    uit = io.BytesIO()
    rechtop.save(uit, format="JPEG", quality=FOTO_KWALITEIT, optimize=True)
    return SchoneFoto(
        inhoud=uit.getvalue(),
        breedte=rechtop.width,
        hoogte=rechtop.height,
        metadata_verwijderd=metadata,
    )
