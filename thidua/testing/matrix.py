"""The access matrix's world (thidua/core/tests/test_access_matrix.py): one organizer's cluster with every
kind of object a URL can name, and one client per role around it.

The object of every cluster page is the seed cluster's live 2022 year (scoring table with evidence, an open
meeting with its ballot codes issued); its 2021 year is concluded and taken into the registry (proposals,
decisions, a person, a province rule); the organizer's council sits in secret with its codes issued.
Roles: anonymous, a member unit's officer and an officer of another cluster of the same organizer, the
lead of 2022 and the lead of 2021, the board of this and of another organizer, a council member and a
delegate (anonymous visitors holding a code), and a superuser for the admin.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from thidua.accounts.models import Job, Role
from thidua.emulation.actions import meeting as meetings
from thidua.emulation.actions import scoring
from thidua.emulation.models import ClusterYear, Meeting
from thidua.publication import actions as publishing
from thidua.publication import news
from thidua.registry.actions.council import (
    MemberEntry,
    create_council,
    issue_council_codes,
    open_council_voting,
    set_council_mode,
)
from thidua.registry.actions.movements import launch_movement
from thidua.registry.models import Council, Decision, DossierScan
from thidua.registry.province_rules import add_province_rule
from thidua.testing import factories
from thidua.testing.worlds import (
    BY,
    build_seed,
    client_for,
    decide_seed,
    make_user,
    pass_code_step,
    person_at,
    user_with,
)

ROLES = (
    "anonymous",
    "officer_in",
    "officer_out",
    "lead",
    "lead_other_year",
    "board",
    "board_other",
    "council_member",
    "delegate",
    "superuser",
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (155, 20, 25)).save(out, "PNG")
    return out.getvalue()


@dataclass
class MatrixWorld:
    year: ClusterYear  # 2022, live: the object of every cluster page
    concluded: ClusterYear  # 2021, concluded, in the registry
    meeting: Meeting
    council: Council
    decision: Decision
    clients: dict[str, Client]
    # The value of each URL parameter, by its name in the pattern.
    values: dict[str, Any] = field(default_factory=dict)
    # What a role types at the ballot door (/hop/phieu/): a code for the council member and the delegate.
    codes: dict[str, str] = field(default_factory=dict)
    # Values that differ from `values` for one URL (its key in the table): the council's own token.
    per_url: dict[str, dict[str, Any]] = field(default_factory=dict)


def _live_year(concluded: ClusterYear) -> ClusterYear:
    """The cluster's 2022 year with 2021's members and tiers, voting open, codes issued."""
    year = cast(
        ClusterYear,
        factories.ClusterYearFactory(
            cluster=concluded.cluster, year=2022, quotas=concluded.quotas, head=concluded.head
        ),
    )
    for position, unit in enumerate(concluded.member_units()):
        factories.MembershipFactory(cluster_year=year, unit=unit, position=position)
    return year


def _open_meeting(year: ClusterYear) -> tuple[Meeting, str]:
    meeting = meetings.prepare_meeting(year, by=BY)
    meeting = meetings.record_attendance(meeting, year.member_units(), by=BY)
    meeting = meetings.open_voting(meeting, by=BY)
    issued = meetings.issue_codes(meeting, by=BY)
    return meeting, issued[0].code


def _evidence_id(year: ClusterYear, unit: Any, user: Any) -> tuple[int, int]:
    """(criterion id, evidence id): a score table of one criterion and one file of the member unit."""
    sheet = scoring.create_sheet(year, scale=Decimal(100), by=user)
    criterion = scoring.add_criterion(
        sheet,
        group="I. Chuyên môn",
        name="Hoàn thành chỉ tiêu",
        kind="standard",
        max_points=Decimal(100),
        by=user,
    )
    item = scoring.unit_score_for(sheet, unit).items.get()
    evidence = scoring.add_evidence(item, SimpleUploadedFile("minh-chung.pdf", PDF), by=user)
    return criterion.pk, evidence.pk


def _secret_council(organizer: Any) -> tuple[Council, str]:
    council = create_council(
        organizer, 2021, members=[MemberEntry("Thành viên Hội đồng", "Ủy viên")], on=date(2022, 2, 10), by=BY
    )
    council = open_council_voting(set_council_mode(council, "secret", by=BY), by=BY)
    return council, issue_council_codes(council, by=BY)[0].code


def build_matrix_world() -> MatrixWorld:
    seed = build_seed()
    organizer, concluded = seed.organizer, seed.year
    flag, _merit = decide_seed(seed)
    awardee = flag.awardees.first()
    person = person_at(seed, "STP", "Đường Thị Nhã", direct=True)
    year = _live_year(concluded)
    meeting, delegate_code = _open_meeting(year)
    council, member_code = _secret_council(organizer)

    other_cluster: Any = factories.ClusterFactory(organizer=organizer, code="KHAC", name="Cụm thi đua khác")
    other_year = factories.ClusterYearFactory(cluster=other_cluster, year=2022)
    outsider_unit = factories.UnitFactory(organizer=organizer, code="KHAC1", name="Sở Khác của tỉnh")
    factories.MembershipFactory(cluster_year=other_year, unit=outsider_unit)
    other_cluster.units.add(outsider_unit)

    users = {
        "officer_in": user_with("matrix-donvi", kind=Role.Kind.UNIT_OFFICER, unit=seed.units["STP"]),
        "officer_out": user_with("matrix-donvi-khac", kind=Role.Kind.UNIT_OFFICER, unit=outsider_unit),
        "lead": user_with("matrix-cumtruong", kind=Role.Kind.CLUSTER_LEAD, cluster_year=year),
        "lead_other_year": user_with(
            "matrix-cumtruong-2021", kind=Role.Kind.CLUSTER_LEAD, cluster_year=concluded
        ),
        "board": user_with("matrix-ban", kind=Role.Kind.BOARD, organizer=organizer),
        "board_other": user_with(
            "matrix-ban-khac",
            kind=Role.Kind.BOARD,
            organizer=factories.OrganizerFactory(name="Tỉnh Bên Cạnh"),
        ),
        "superuser": make_user("matrix-quantri", is_superuser=True, is_staff=True),
    }
    criterion_id, evidence_id = _evidence_id(year, seed.units["STP"], users["officer_in"])
    rule = add_province_rule(
        organizer,
        award="tap-the-lao-dong-tien-tien",
        parameter="ty-le-lao-dong-tien-tien",
        value=70,
        document="Quyết định 12/2024/QĐ-UBND",
        document_date=date(2024, 3, 5),
        article="Điều 4 khoản 2",
        start=date(2024, 3, 15),
        by=BY,
    )
    clients = {role: client_for(user) for role, user in users.items()}
    pass_code_step(clients["superuser"], users["superuser"])  # the admin site asks for the code step
    for role in ("anonymous", "council_member", "delegate"):
        clients[role] = Client()
    proposal = flag.proposals.order_by("pk").first()
    assert proposal is not None and awardee is not None
    # A scan kept from before the decision (the world's proposal is decided, its dossier closed).
    scan = DossierScan.objects.create(
        item=proposal.dossier.order_by("position")[0],
        file=SimpleUploadedFile("bao-cao-co-chu-ky.pdf", PDF),
        original_name="bao-cao-co-chu-ky.pdf",
        size=len(PDF),
        uploaded_at=timezone.now(),
    )
    # The public side: 2021's results published, one exemplary model of the member unit published.
    results = publishing.publish_results(concluded, by=BY)
    model = publishing.publish_model(
        publishing.propose_model(
            seed.units["STP"],
            movement=launch_movement(
                organizer, name="Dân vận khéo", start=date(2021, 1, 1), end=None, awards=[], by=BY
            ),
            year=2021,
            person=person,
            unit=None,
            position="Chuyên viên",
            title="Tận tụy với dân",
            story="Câu chuyện.",
            evidence=[SimpleUploadedFile("minh-chung.pdf", PDF)],
            by=BY,
        ),
        by=BY,
    )
    # The 2021 review's news item, published, with one photo (a tiny PNG, re-encoded like any upload).
    article = news.draft_from_review(concluded, by=BY)
    article = news.save_article(
        article,
        title=article.title,
        lead=article.lead,
        body=article.body,
        author=article.author,
        new_photos=[news.NewPhoto(SimpleUploadedFile("anh.png", tiny_png()), "Quang cảnh hội nghị")],
        by=BY,
    )
    article = news.publish(article, by=BY)
    values = {
        "model_id": model.pk,
        "article_id": article.pk,
        "photo_id": article.photos.get().pk,
        "cluster_id": year.cluster_id,
        "year": year.year,
        "unit_id": seed.units["STP"].pk,
        "evidence_id": evidence_id,
        "criterion_id": criterion_id,
        "person_id": person.pk,
        "proposal_id": proposal.pk,
        "scan_id": scan.pk,
        "decision_id": flag.pk,
        "awardee_id": awardee.pk,
        "rule_id": rule.pk,
        "movement_id": launch_movement(
            organizer, name="Phong trào của ma trận", start=date(2022, 1, 1), end=None, awards=[], by=BY
        ).pk,
        "cluster_year_id": concluded.pk,
        "pk": council.pk,
        "token": meeting.public_token,
        "organizer_id": organizer.pk,
        "account_id": users["officer_in"].pk,
        "role_id": Role.objects.filter(user_id=users["officer_in"].pk).values_list("pk", flat=True).get(),
        "kind": "decisions",
        "code": awardee.code,
        "n": 1,  # the first draft decision of the council's result
        # The board's own finished job (no file kept): its page is the board's alone.
        "job_id": Job.objects.create(
            owner_id=users["board"].pk, kind="registry.certificates", title="Bằng khen", state=Job.State.DONE
        ).pk,
    }
    return MatrixWorld(
        year=year,
        concluded=concluded,
        meeting=meeting,
        council=council,
        decision=flag,
        clients=clients,
        values=values,
        codes={"council_member": member_code, "delegate": delegate_code},
        per_url={
            "council:council_counted": {"token": council.public_token},
            "publication:results": {"token": results.token},
            "publication:model": {"token": model.token},
            "api:public_model": {"token": model.token},
            "publication:evidence": {"evidence_id": model.evidence.get().pk},
            "publication:news_item": {"slug": article.slug},
            "publication:news_photo": {"slug": article.slug},
        },
    )
