"""Verification codes of decided awards: 10 characters drawn at random from the alphabet of the ballot codes
(no 0/O, 1/I/L, U/V look-alikes), printed with a QR code on the certificate and in the decision's annex, and
typed or scanned by anyone at the public page /xac-minh/. 29^10 ≈ 4·10^14 codes: guessing one is hopeless,
and the public page slows guessers down besides (registry.views.verify)."""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass

import segno
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from thidua.emulation.codes import ALPHABET
from thidua.registry.models import Awardee, Decision, Revocation

CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


# A random byte as a letter of the alphabet (new_codes): byte b is ALPHABET[b % len(ALPHABET)], and the bytes
# past the last whole run of the alphabet, which would bias it, are dropped.
_USABLE = 256 - 256 % len(ALPHABET)
_AS_LETTER = bytes(ord(ALPHABET[b % len(ALPHABET)]) if b < _USABLE else 0 for b in range(256))
_BIASED = bytes(range(_USABLE, 256))


def new_codes(count: int) -> list[str]:
    """`count` codes as new_code draws them, drawn together from the same source (the bulk path: a million
    codes, so the bytes are turned into letters by bytes.translate, not one by one)."""
    letters = b""
    while len(letters) < count * CODE_LENGTH:
        letters += secrets.token_bytes(count * CODE_LENGTH * 2).translate(_AS_LETTER, _BIASED)
    text = letters.decode("ascii")
    return [text[n : n + CODE_LENGTH] for n in range(0, count * CODE_LENGTH, CODE_LENGTH)]


def normalize(text: str) -> str:
    """What someone typed or scanned, as a stored code: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in text.upper() if ch.isalnum())[:64]


def is_well_formed(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def grouped(code: str) -> str:
    """ "K7QF2MXPAB" → "K7QF2-MXPAB": easier to read aloud and to type from paper."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CODE_LENGTH else code


def site_url(request: HttpRequest | None = None) -> str:
    """Where the public site is reached: SITE_URL when set (papers made outside a request need it, and a
    proxy may hide the public name), else the request's own scheme and host, else the local address."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return str(configured).rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return "http://127.0.0.1:8000"


def verify_url(code: str, site: str) -> str:
    """The absolute address a certificate's or a decision's QR code leads to (`site`: site_url()); without
    a code, the page where one is typed. Awards and decisions share the address: no two hold one code."""
    return site + (reverse("verify:award", args=[code]) if code else reverse("verify:enter"))


def qr_png(text: str, *, scale: int = 8) -> bytes:
    """The QR code of `text` as a PNG, for the Word papers (segno: no image service, works offline)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


# ---- the public page's one read --------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicAward:
    """All the public page may show of an award: what its decision published, and its revocation's
    decision. Built field by field, so nothing else (birth year, rating, holds, proposals, bonus, the reason
    of a revocation) can reach the page by accident."""

    code: str
    name: str
    position: str
    unit: str
    collective: bool
    year: int
    award_name: str
    decision_number: str
    decision_date: dt.date
    grantor: str
    organizer_id: int
    revoked_number: str = ""
    revoked_date: dt.date | None = None

    @property
    def revoked(self) -> bool:
        return bool(self.revoked_number)


def public_award(code: str) -> PublicAward | None:
    """The award holding `code`, as its decision published it; None for any code no award holds."""
    found = (
        Awardee.objects.select_related("decision__organizer", "person_unit", "unit__parent", "revocation")
        .filter(code=code)
        .first()
    )
    return published(found) if found is not None else None


def published(found: Awardee) -> PublicAward:
    """What `found` (read with its decision and organizer, unit and parent, person_unit and revocation) shows
    in public: the verification page's and the public honour roll's one reading of an award."""
    decision = found.decision
    revocation = found.revocation if found.revoked else None
    collective = found.unit_id is not None
    unit = found.person_unit.name if found.person_unit is not None else ""
    if collective and found.unit is not None and found.unit.parent is not None:
        unit = found.unit.parent.name  # a sub-unit (phòng, ban) is named with the unit it belongs to
    return PublicAward(
        code=found.code,
        name=found.name,
        position=found.position,
        unit=unit,
        collective=collective,
        year=found.year,
        award_name=decision.award_name,
        decision_number=decision.number,
        decision_date=decision.date,
        grantor=decision.grantor or decision.organizer.name,
        organizer_id=decision.organizer_id,
        revoked_number=revocation.number if revocation else "",
        revoked_date=revocation.date if revocation else None,
    )


@dataclass(frozen=True)
class PublicRevocation:
    number: str
    date: dt.date
    count: int


@dataclass(frozen=True)
class PublicDecision:
    """All the public page may show of a decision: its number, date, grantor and form, how many it awarded
    and which of those awards were revoked since, by which decisions (counted, never named)."""

    code: str
    number: str
    date: dt.date
    grantor: str
    award_name: str
    awardees: int
    revocations: tuple[PublicRevocation, ...] = ()

    @property
    def revoked(self) -> int:
        return sum(r.count for r in self.revocations)

    @property
    def all_revoked(self) -> bool:
        return self.awardees > 0 and self.revoked == self.awardees


def public_decision(code: str) -> PublicDecision | None:
    """The decision holding `code`; None for any code no decision holds."""
    found = Decision.objects.select_related("organizer").filter(code=code).first()
    if found is None:
        return None
    revoked: dict[tuple[str, dt.date], int] = {}
    for number, day in (
        Revocation.objects.filter(awardee__decision=found)
        .order_by("date", "number")
        .values_list("number", "date")
    ):
        revoked[(number, day)] = revoked.get((number, day), 0) + 1
    return PublicDecision(
        code=found.code,
        number=found.number,
        date=found.date,
        grantor=found.grantor or found.organizer.name,
        award_name=found.award_name,
        awardees=found.awardees.count(),
        revocations=tuple(PublicRevocation(n, d, c) for (n, d), c in revoked.items()),
    )
