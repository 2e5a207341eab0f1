"""One-time ballot codes and receipts: generated at random, typed by people, stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L, U/V look-alikes: a delegate types the code from paper or a screen.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
CODE_LENGTH = 8
RECEIPT_LENGTH = 10


def new_code() -> str:
    """A fresh code in two groups of four, e.g. "K7QF-2MXP"."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize(text: str) -> str:
    """What a delegate typed, as the canonical code: upper case, spaces and dashes dropped, regrouped."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == CODE_LENGTH else raw


def is_well_formed(code: str) -> bool:
    raw = code.replace("-", "")
    return len(raw) == CODE_LENGTH and all(ch in ALPHABET for ch in raw)


def digest(code: str) -> str:
    """The only form in which a code is stored: HMAC-SHA256 keyed with SECRET_KEY, so a copy of the
    database alone cannot be turned back into codes by trying all of them."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"thidua.meeting.code:" + normalize(code).encode(), hashlib.sha256).hexdigest()


def new_receipt() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(RECEIPT_LENGTH))


def new_page_token() -> str:
    """The unguessable part of a published page's address (the list of counted ballots): 128 random bits,
    so nobody finds a meeting's page by counting ids."""
    return secrets.token_urlsafe(16)
