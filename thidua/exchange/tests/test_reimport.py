"""Importing a cluster again never rewrites its history: a concluded year stays as it is (an identical file
leaves it unchanged, a different one is refused with the year's line), ballots on record are never deleted,
and a year the file lacks goes only if it holds nothing a person or a meeting put there."""

from __future__ import annotations

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.actions.review import conclude_as_reported
from thidua.emulation.actions.setup import reopen_review
from thidua.emulation.models import Ballot, ClusterYear, Proposal, Review
from thidua.exchange.errors import ExchangeFileInvalid
from thidua.exchange.history import DROP, KEEP, UNCHANGED, UPDATE
from thidua.exchange.importer import run_import
from thidua.exchange.reader import parse_exchange
from thidua.exchange.tests.conftest import edited, line_of
from thidua.exchange.tests.test_views import LANG_SON, board_user, confirm, upload
from thidua.registry.actions.proposals import proposals_from_review
from thidua.registry.models import AwardProposal
from thidua.testing.worlds import client_for

pytestmark = pytest.mark.django_db

NEXT_YEAR = "  - year: 2022\n    members: [STC, SKHDT, VPUBND, VPDBQH, SNV, STP, SNGV]\n    head: SKHDT\n"


def imported(text: str, name: str = "cum.yaml", **options: object):
    return run_import(parse_exchange(text, name), by="kiểm thử", **options)  # type: ignore[arg-type]


def concluded_seed(text: str) -> ClusterYear:
    cluster_year = imported(text).cluster.years.get(year=2021)
    conclude_as_reported(cluster_year, by="kiểm thử", source="tệp kiểm thử")
    return cluster_year


def frozen(cluster_year: ClusterYear) -> tuple[object, ...]:
    review = Review.objects.get(cluster_year=cluster_year)
    ballots = sorted(str(pk) for pk in review.ballots.values_list("pk", flat=True))
    proposals = list(
        Proposal.objects.filter(review=review).values_list("pk", "tier__code", "unit__code", "rank")
    )
    return review.concluded_at, ballots, proposals, cluster_year.head_id, review.place


def test_the_same_file_again_leaves_a_concluded_year_unchanged(seed_text: str):
    cluster_year = concluded_seed(seed_text)
    before, audited = frozen(cluster_year), AuditEvent.objects.count()

    report = imported(seed_text, replace=True)

    assert [(fate.year, fate.fate, fate.label) for fate in report.years] == [
        (2021, UNCHANGED, "không đổi (đã chốt kết quả bình xét)")
    ]
    assert frozen(ClusterYear.objects.get(pk=cluster_year.pk)) == before
    # Nothing was written but the import's own audit row.
    assert list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)[audited:]) == [
        "exchange.import"
    ]


def test_a_file_that_knows_less_about_a_concluded_year_leaves_it_unchanged(seed_text: str):
    cluster_year = concluded_seed(seed_text)
    before = frozen(cluster_year)
    silent = seed_text[: seed_text.index("    ballots:\n")] + "    pact_signed: 2022-01-20\n"
    silent = edited(silent, "      present: [STC, SKHDT, VPUBND, VPDBQH, SNV, STP, SNGV]\n", "")

    report = imported(silent, replace=True)

    assert [fate.fate for fate in report.years] == [UNCHANGED]
    assert frozen(ClusterYear.objects.get(pk=cluster_year.pk)) == before
    assert Review.objects.get().present.count() == 7 and Review.objects.get().next_head.code == "SKHDT"


def test_a_different_file_for_a_concluded_year_is_refused_with_its_line_and_writes_nothing(seed_text: str):
    cluster_year = concluded_seed(seed_text)
    before, audited = frozen(cluster_year), AuditEvent.objects.count()
    changed = edited(seed_text, 'place: "Trụ sở Sở Tài chính tỉnh Lạng Sơn"', 'place: "Hội trường UBND tỉnh"')
    changed = edited(changed, "    head: STC", "    head: SNV")

    with pytest.raises(ExchangeFileInvalid) as raised:
        imported(changed, "lai.yaml", replace=True)

    [error] = raised.value.errors
    assert error.line == line_of(changed, "  - year: 2021")
    assert error.vi.startswith(
        "năm 2021 đã chốt kết quả bình xét; mở lại kết quả (kèm lý do) ở trang «Nhập năm 2021» của cụm trước "
        "khi thay bằng tệp"
    )
    assert "cụm trưởng" in error.vi and "hội nghị bình xét" in error.vi and "ballots" not in error.en
    assert f"lai.yaml:{error.line}: năm 2021 đã chốt" in str(raised.value)
    assert frozen(ClusterYear.objects.get(pk=cluster_year.pk)) == before
    assert AuditEvent.objects.count() == audited


def test_a_concluded_year_is_updated_once_reopened_with_a_reason(seed_text: str):
    cluster_year = concluded_seed(seed_text)
    reopen_review(cluster_year, reason="Sai cụm trưởng", by="kiểm thử")
    ballots = set(Ballot.objects.values_list("pk", flat=True))

    report = imported(edited(seed_text, "    head: STC", "    head: SNV"), replace=True)

    assert [fate.fate for fate in report.years] == [UPDATE]
    assert ClusterYear.objects.get(pk=cluster_year.pk).head.code == "SNV"
    assert set(Ballot.objects.values_list("pk", flat=True)) == ballots


def test_ballots_on_record_survive_a_reimport_that_changes_other_facts(seed_text: str):
    imported(seed_text)
    ballots = set(Ballot.objects.values_list("pk", flat=True))
    changed = edited(seed_text, "    head: STC", "    head: SNV")
    without_ballots = changed[: changed.index("    ballots:\n")] + changed[changed.index("    next:") :]

    imported(changed, replace=True)
    imported(without_ballots, replace=True)  # no `ballots` key: not known, so nothing to take away

    assert set(Ballot.objects.values_list("pk", flat=True)) == ballots
    review = Review.objects.get()
    assert review.ballots_known and review.cluster_year.head.code == "SNV"


def test_ballots_that_differ_from_those_on_record_are_refused_with_the_years_line(seed_text: str):
    imported(seed_text)
    ballots = set(Ballot.objects.values_list("pk", flat=True))
    fewer = edited(seed_text, "      - {co-ubnd: [STC], bk-ct: [VPDBQH, SNGV]}\n", "")
    fewer = edited(fewer, "    head: STC", "    head: SNV")

    with pytest.raises(ExchangeFileInvalid) as raised:
        imported(fewer, replace=True)

    [error] = raised.value.errors
    assert error.line == line_of(fewer, "  - year: 2021")
    assert "năm 2021 đã có 7 phiếu bầu ghi nhận, khác với phiếu trong tệp" in error.vi
    assert set(Ballot.objects.values_list("pk", flat=True)) == ballots
    assert ClusterYear.objects.get().head.code == "STC"


def test_years_the_file_lacks_are_kept_when_they_hold_history_and_dropped_otherwise(seed_text: str):
    two_years = seed_text + NEXT_YEAR
    cluster = imported(two_years).cluster
    conclude_as_reported(cluster.years.get(year=2021), by="kiểm thử", source="tệp kiểm thử")
    only_2022 = two_years[: two_years.index("  - year: 2021")] + NEXT_YEAR

    report = imported(only_2022, replace=True)

    assert {fate.year: (fate.fate, fate.why) for fate in report.years} == {
        2022: (UNCHANGED, ""),
        2021: (KEEP, "đã chốt kết quả bình xét; có phiếu bầu"),
    }
    assert Ballot.objects.count() == 7 and Review.objects.get(cluster_year__year=2021).concluded_at

    only_2021 = seed_text
    report = imported(only_2021, replace=True)
    assert {fate.year: fate.fate for fate in report.years} == {2021: UNCHANGED, 2022: DROP}
    assert list(cluster.years.values_list("year", flat=True)) == [2021]
    assert AuditEvent.objects.filter(verb="cluster_year.delete", data__year=2022).exists()


def test_a_year_with_proposals_sent_to_the_board_is_never_dropped(seed_text: str):
    two_years = seed_text + NEXT_YEAR
    cluster = imported(two_years).cluster
    year_2021 = cluster.years.get(year=2021)
    proposals_from_review(
        conclude_as_reported(year_2021, by="kiểm thử", source="tệp kiểm thử"), by="kiểm thử"
    )
    reopen_review(year_2021, reason="Bổ sung", by="kiểm thử")
    only_2022 = two_years[: two_years.index("  - year: 2021")] + NEXT_YEAR

    report = imported(only_2022, replace=True)

    assert (
        "có đề nghị khen thưởng đã chuyển Ban Thi đua – Khen thưởng"
        in dict((fate.year, fate.why) for fate in report.years)[2021]
    )
    assert AwardProposal.objects.filter(cluster_year=year_2021).count() == 3


def test_the_upload_preview_refuses_a_changed_concluded_year_before_the_confirmation(seed_text: str):
    client = client_for(board_user(LANG_SON))
    concluded_seed(seed_text)
    changed = edited(seed_text, "    head: STC", "    head: SNV")

    page = upload(client, changed).content.decode()

    assert "Tệp có 1 lỗi – chưa nhập gì" in page
    assert f"Dòng {line_of(changed, '  - year: 2021')}" in page
    assert "năm 2021 đã chốt kết quả bình xét; mở lại kết quả (kèm lý do)" in page
    assert ClusterYear.objects.get().head.code == "STC"


def test_the_upload_preview_says_what_confirming_does_to_each_year(seed_text: str):
    client = client_for(board_user(LANG_SON))
    concluded_seed(seed_text)
    preview = upload(client, seed_text + NEXT_YEAR)
    page = preview.content.decode()
    assert "<td>không đổi (đã chốt kết quả bình xét)</td>" in page and "<td>thêm mới</td>" in page
    assert not ClusterYear.objects.filter(year=2022).exists()  # the preview wrote nothing

    confirm(client, preview, replace="on")
    assert ClusterYear.objects.get(year=2022).head.code == "SKHDT"
