"""The news item of a concluded review, as Word or as the PDF made from it, for the cluster head and the
board (those who manage the year): a draft for the board's news, written from the record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.documents.download import paper_response
from thidua.documents.pdf import PdfUnavailable
from thidua.emulation.papers.news import FILENAME, render_news
from thidua.emulation.queries.news import news_article
from thidua.emulation.rules import get_cluster_year_for_user


@login_required
@require_GET
def news_file(request: HttpRequest, cluster_id: int, year: int, as_pdf: bool = False) -> HttpResponse:
    cluster_year = get_cluster_year_for_user(request.user, cluster_id, year, manage=True)
    article = news_article(cluster_year)
    if article is None:
        messages.error(request, _("There is no news item yet: the review's results are not concluded."))
        return redirect("meeting:chair", cluster_id, year)
    filename = f"{cluster_year.cluster.code}-{cluster_year.year}-{FILENAME}"
    rendered = render_news(article, cluster_year.cluster.organizer_id)
    if rendered.notice:
        messages.warning(request, rendered.notice)
    try:
        return paper_response(rendered.content, filename, as_pdf=as_pdf)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
        return redirect("meeting:chair", cluster_id, year)
