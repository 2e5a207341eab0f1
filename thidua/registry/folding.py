"""One way to fold a name for search: lowercase, no diacritics, đ -> d, single spaces.

"Đường Thị Nhã" and "Duong Thi Nha" fold to the same text, so a user typing without diacritics (or on a
keyboard without Vietnamese input) finds the person.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`text` lowercased, without diacritics, with đ as d and whitespace collapsed."""
    # đ/Đ are letters of their own, not d with a combining mark: NFD leaves them, so replace them first.
    text = (text or "").casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("đ", "d").split())
