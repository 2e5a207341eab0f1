"""The papers of a concluded review beside the year's own (emulation/papers/render.py): its news item and
the achievement report of each unit it proposes, for the tier it is proposed for. One list for every door:
`thidua scenario` writes them, the API's results name them. Each is made as a Rendered: a paper whose
organizer's own template failed says so."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.utils.text import slugify
from django.utils.translation import gettext as _

from thidua.documents.templating import Rendered
from thidua.emulation.models import ClusterYear
from thidua.emulation.papers.news import FILENAME as NEWS
from thidua.emulation.papers.news import render_news
from thidua.emulation.queries.news import news_article
from thidua.emulation.queries.summary import ProposalLine, year_summary
from thidua.registry.papers.achievement import FILENAME as ACHIEVEMENT
from thidua.registry.papers.achievement import unit_report


def _report_name(line: ProposalLine) -> str:
    return ACHIEVEMENT.replace(".docx", f"-{slugify(line.unit.code)}-{slugify(line.tier.code)}.docx")


def review_papers(cluster_year: ClusterYear) -> dict[str, Callable[[], Rendered]]:
    """File name -> how to make the paper, in the order they are listed; none before the review is
    concluded (or while its ballot is sealed)."""
    article = news_article(cluster_year)
    if article is None:
        return {}
    papers: dict[str, Callable[[], Rendered]] = {
        NEWS: lambda: render_news(article, cluster_year.cluster.organizer_id)
    }
    for line in year_summary(cluster_year).proposals:
        papers[_report_name(line)] = partial(
            unit_report, line.unit, cluster_year.year, award_name=line.tier.name, cluster_year=cluster_year
        )
    return papers


def review_labels(cluster_year: ClusterYear) -> dict[str, str]:
    """How a person names each paper of review_papers (a command's warning line names it so)."""
    labels = {NEWS: _("News item of the review conference")}
    for line in year_summary(cluster_year).proposals:
        labels[_report_name(line)] = _("Achievement report of {unit}").format(unit=line.unit.name)
    return labels
