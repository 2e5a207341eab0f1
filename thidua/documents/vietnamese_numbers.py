"""Amounts read out in Vietnamese words, as a decision writes them after the figure ("Bằng chữ: Một triệu
hai trăm ba mươi tư nghìn đồng"). The words are the Vietnamese reading of the figure whatever the
interface's language: data, not interface text.

Reading rules (the common usage of Vietnamese financial documents): groups of three digits named nghìn,
triệu, tỷ; a group after a higher one reads its hundreds even when zero ("không trăm") and "linh" before a
lone unit (1.000.005 → "một triệu không trăm linh năm"); "mười" for 10–19, "mươi" after 2–9 tens; unit
5 after tens is "lăm", unit 1 after 2–9 tens "mốt", unit 4 after 2–9 tens "tư"; empty groups are skipped
(1.000.000 → "một triệu").
"""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))
BILLION, BILLION_WORD = 10**9, "tỷ"
CURRENCY = "đồng"
# After 2–9 tens: 21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm".
_AFTER_TENS = {1: "mốt", 4: "tư", 5: "lăm"}


def _group(value: int, *, full: bool) -> list[str]:
    """One group of three digits (1–999); `full` when a higher group was read before it."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += (["linh"] if words else []) + [DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append(_AFTER_TENS.get(units, DIGITS[units]))
    return words


def _below_billion(n: int, *, full: bool) -> list[str]:
    words: list[str] = []
    for scale, name in SCALES:
        value, n = divmod(n, scale)
        if value:
            words += _group(value, full=full or bool(words))
            if name:
                words.append(name)
    return words


def number_words(n: int) -> str:
    """A whole number ≥ 0 in Vietnamese words, lower case: 105 → "một trăm linh năm"."""
    if n < 0:
        raise ValueError(n)
    if n == 0:
        return DIGITS[0]
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        words = [number_words(high), BILLION_WORD]
        if low:
            words += _below_billion(low, full=True)
        return " ".join(words)
    return " ".join(_below_billion(n, full=False))


def amount_in_words(amount: int) -> str:
    """An amount of đồng in words, capitalised, as written after "Bằng chữ:":
    1234000 → "Một triệu hai trăm ba mươi tư nghìn đồng"."""
    text = f"{number_words(amount)} {CURRENCY}"
    return text[0].upper() + text[1:]
