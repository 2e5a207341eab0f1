from datetime import date

from thidua.awards.regimes import regime_for, regime_for_year


def test_the_seed_year_falls_under_the_2003_law():
    assert regime_for_year(2021).code == "law-2003/decree-91-2017"


def test_decree_98_governs_until_the_end_of_june_2025_then_decree_152():
    assert regime_for(date(2024, 1, 1)).code == "law-2022/decree-98-2023"
    assert regime_for(date(2025, 6, 30)).code == "law-2022/decree-98-2023"
    assert regime_for(date(2025, 7, 1)).code == "law-2022/decree-152-2025"
    assert regime_for_year(2025).code == "law-2022/decree-152-2025"
