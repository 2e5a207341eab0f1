"""The public page where anyone checks an award or a decision by its verification code, typed or scanned from
the QR code of a certificate or of a decision paper: no login, only what the decision published
(registry.verification.PublicAward, PublicDecision).

Guessing is slowed per client: after GUESSES wrong codes within WINDOW seconds, the client's lookups are
refused until the window ends. The count lives in Django's cache (per process with the default local-memory
cache: a server of N workers lets a client try at most N × GUESSES codes per window)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.core.client import client_address
from thidua.core.replica import reads_replica
from thidua.registry import verification

GUESSES = 10
WINDOW = 15 * 60


def _misses_key(request: HttpRequest) -> str:
    return "verify-misses:" + client_address(request)


def blocked(request: HttpRequest) -> bool:
    """Too many wrong codes from this client: also asked by the honour roll's entry page (publication),
    whose address holds the same code, so it is no way around the limit."""
    return int(cache.get(_misses_key(request), 0)) >= GUESSES


def missed(request: HttpRequest) -> None:
    key = _misses_key(request)
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW)


def _page(
    request: HttpRequest, *, typed: str = "", error: str = "", status: int = 200, **extra: object
) -> HttpResponse:
    context = {"typed": typed, "error": error, "length": verification.CODE_LENGTH, **extra}
    response = render(request, "registry/verify.html", context, status=status)
    # An award is public to whoever holds its code, not a page for search engines to list by name.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _too_many(request: HttpRequest, typed: str) -> HttpResponse:
    minutes = WINDOW // 60
    error = _(
        "Too many codes that match no award were tried from this device. Please wait {minutes} minutes and "
        "try again."
    ).format(minutes=minutes)
    response = _page(request, typed=typed, error=error, status=429)
    response["Retry-After"] = str(WINDOW)
    return response


@never_cache
@require_GET
def enter_code(request: HttpRequest) -> HttpResponse:
    """The form; a code typed into it (?ma=) goes to the code's own address, the one its QR code holds."""
    typed = request.GET.get("ma", "")
    if typed.strip():
        code = verification.normalize(typed)
        if verification.is_well_formed(code):
            return redirect("verify:award", code)
        return award(request, typed)
    return _page(request)


@never_cache
@require_GET
@reads_replica
def award(request: HttpRequest, code: str) -> HttpResponse:
    typed = code[:64]
    if blocked(request):
        return _too_many(request, typed)
    normalized = verification.normalize(code)
    well_formed = verification.is_well_formed(normalized)
    found = verification.public_award(normalized) if well_formed else None
    decision = verification.public_decision(normalized) if well_formed and found is None else None
    if decision is not None:
        return _page(request, typed=verification.grouped(decision.code), decision=decision)
    if found is None:
        missed(request)
        if not verification.is_well_formed(normalized):
            error = _(
                "«{typed}» is not a verification code: a code has {length} letters and digits, as printed "
                "under the QR code of the certificate."
            ).format(typed=typed, length=verification.CODE_LENGTH)
        else:
            error = _(
                "No award or decision in the registry has the verification code {code}. Check the code on "
                "the certificate or the decision and type it again."
            ).format(code=verification.grouped(normalized))
        return _page(request, typed=typed, error=error, status=404)
    return _page(request, typed=verification.grouped(found.code), award=found)
