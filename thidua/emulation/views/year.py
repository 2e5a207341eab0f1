"""The web pages: home, a cluster, a cluster's year, and the year's documents.

Each view gets its object through one `_get_<obj>_for_user` helper that answers 404 to a user outside
its scope (README: an outsider gets "không tìm thấy", so a page does not reveal that it exists).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.accounts.models import Role
from thidua.accounts.roles import board_organizers, roles_of
from thidua.core import pagecache
from thidua.core.feedback import show_refusal
from thidua.documents.download import XLSX_MIME, attachment, paper_response, wanted
from thidua.documents.pdf import PdfUnavailable
from thidua.emulation.models import MidYearReview
from thidua.emulation.papers import render as documents
from thidua.emulation.papers.rosters import roster_workbook, with_rosters
from thidua.emulation.queries.summary import year_summary
from thidua.emulation.rules import (
    can_manage_cluster_year,
    get_cluster_for_user,
    get_cluster_year_for_user,
    visible_cluster_years,
    visible_clusters,
)
from thidua.emulation.views.presenters import document_links, leader_words, year_page


def _years_of(request: HttpRequest) -> Prefetch:
    """A cluster's years as this user may see them (a unit officer: only the years the unit was in)."""
    years = visible_cluster_years(request.user).select_related("head", "review").order_by("-year")
    return Prefetch("years", queryset=years, to_attr="visible_years")


HOME_PAGE_SIZE = 30


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role's first page: the board's dashboard, a head's or an officer's "what is due for me" (both
    on the board's home, by name); a system administrator, and anyone with no role yet, gets the list of
    clusters and blocks, a page at a time."""
    user = request.user
    if not user.is_superuser:
        if roles_of(user, Role.Kind.BOARD).exists():
            return redirect("registry:dashboard")
        if any(roles_of(user, kind).exists() for kind in (Role.Kind.CLUSTER_LEAD, Role.Kind.UNIT_OFFICER)):
            return redirect("registry:my_work")
    return clusters(request)


@require_GET
@login_required
def clusters(request: HttpRequest) -> HttpResponse:
    """The clusters and blocks the user may open, with their years, a page at a time."""
    user = request.user
    found = (
        visible_clusters(user)
        .select_related("organizer")
        .prefetch_related(_years_of(request))
        .order_by("organizer__name", "name")
    )
    page = Paginator(found, HOME_PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "front/home.html", {"clusters": page.object_list, "page": page})


@require_GET
@login_required
def cluster(request: HttpRequest, cluster_id: int) -> HttpResponse:
    found = get_cluster_for_user(request.user, cluster_id)
    years = visible_cluster_years(request.user).filter(cluster=found)
    years = years.select_related("head", "host", "review").order_by("-year")
    can_extend = board_organizers(request.user).filter(pk=found.organizer_id).exists()
    context = {"cluster": found, "years": years, "words": leader_words(found.kind), "can_extend": can_extend}
    return render(request, "front/cluster.html", context)


@require_GET
@login_required
def cluster_export(request: HttpRequest, cluster_id: int) -> HttpResponse:
    """The cluster's yearly rosters (members, head, deputies, host) of the years its page lists."""
    found = get_cluster_for_user(request.user, cluster_id)
    years = with_rosters(visible_cluster_years(request.user).filter(cluster=found).order_by("-year"))
    return attachment(roster_workbook(found, years), f"{found.code}-thanh-vien.xlsx", XLSX_MIME)


@require_GET
@login_required
def cluster_year(request: HttpRequest, cluster_id: int, year: int) -> HttpResponse:
    found = get_cluster_year_for_user(request.user, cluster_id, year)

    def read() -> dict[str, Any]:
        summary = year_summary(found)
        names = documents.available_documents(found)
        if summary.sealed:
            names = [name for name in names if name not in documents.COUNTED]
        return {
            "summary": summary,
            "page": year_page(summary),
            "documents": document_links(names),
            "mid_year": MidYearReview.objects.filter(cluster_year=found).first(),
        }

    # What the year holds is the same for everyone who may see it until the data changes (a ballot cast
    # included): kept (core/pagecache.py). Who may manage it is the user's, read each time.
    context = {
        **pagecache.kept("emulation.cluster_year", (found.pk,), read),
        "can_manage": can_manage_cluster_year(request.user, found),
    }
    return render(request, "front/cluster_year.html", context)


@require_GET
@login_required
def document(request: HttpRequest, cluster_id: int, year: int, name: str) -> HttpResponse:
    """One paper of the year as Word ("….docx"), as the PDF made from that Word file ("….pdf"), or a
    table's Excel file ("….xlsx")."""
    found = get_cluster_year_for_user(request.user, cluster_id, year)
    if name in documents.WORKBOOKS:
        if documents.WORKBOOKS[name][0] not in documents.available_documents(found):
            raise Http404(_("No such document."))
        made = documents.render_workbook(found, name)
        if made.notice:  # the organizer's own workbook template failed: the built-in one made the file
            messages.warning(request, made.notice)
        return attachment(made.content, f"{found.cluster.code}-{found.year}-{name}", XLSX_MIME)
    paper = wanted(name, documents.DOCUMENTS)
    if paper is None or paper[0] not in documents.available_documents(found):
        raise Http404(_("No such document."))
    docx, as_pdf = paper
    try:
        rendered = documents.render_document_noticed(found, docx)
        if rendered.notice:  # the organizer's own template failed: the built-in one made the file
            messages.warning(request, rendered.notice)
        return paper_response(rendered.content, f"{found.cluster.code}-{found.year}-{docx}", as_pdf=as_pdf)
    except ValidationError as sealed:
        show_refusal(request, sealed)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
    return redirect("front:cluster_year", cluster_id, year)
