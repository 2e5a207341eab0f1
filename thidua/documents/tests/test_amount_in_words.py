"""Amounts in Vietnamese words, as a decision's annex writes them after the figure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.documents.vietnamese_numbers import amount_in_words, number_words

# Read back independently of how the words were made: each word's value, and the scale words.
_VALUES = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def _read(words: str) -> int:
    total = section = group = last = 0
    for word in words.split():
        if word in _VALUES:
            last = _VALUES[word]
        elif word == "trăm":
            group, last = group + last * 100, 0
        elif word == "mươi":
            group, last = group + last * 10, 0
        elif word == "mười":
            group += 10
        elif word == "linh":
            continue
        elif word in ("nghìn", "triệu"):
            section += (group + last) * (1000 if word == "nghìn" else 10**6)
            group = last = 0
        elif word == "tỷ":
            total = (total + section + group + last) * 10**9
            section = group = last = 0
        else:
            raise AssertionError(f"unexpected word {word!r} in {words!r}")
    return total + section + group + last


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (1_014, "một nghìn không trăm mười bốn"),
        (1_000_000, "một triệu"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
        (1_000_000_000, "một tỷ"),
        (2_000_001_000, "hai tỷ không trăm linh một nghìn"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_known_readings(n: int, words: str) -> None:
    assert number_words(n) == words


def test_an_amount_is_capitalised_and_names_the_currency() -> None:
    assert amount_in_words(1_234_000) == "Một triệu hai trăm ba mươi tư nghìn đồng"
    assert amount_in_words(0) == "Không đồng"


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(ValueError):
        number_words(-1)


@given(st.integers(min_value=0, max_value=10**15))
def test_the_words_read_back_to_the_figure(n: int) -> None:
    words = number_words(n)
    assert _read(words) == n
    assert "  " not in words and words == words.strip()


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from([(10**3, "nghìn"), (10**6, "triệu"), (10**9, "tỷ")]),
)
def test_a_round_amount_ends_with_its_scale_and_has_no_zero_groups(head: int, scale: tuple[int, str]) -> None:
    factor, name = scale
    words = number_words(head * factor)
    assert words == f"{number_words(head)} {name}"
    assert "không trăm" not in words.removeprefix(number_words(head))
