"""The papers of a concluded review beside the year's own (emulation/papers/render.py): its news item and
the achievement report of each unit it proposes, for the tier it is proposed for. One list for every door:
`thidua scenario` writes them, the API's results name them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.utils.text import slugify

from thidua.emulation.models import ClusterYear
from thidua.emulation.papers.news import FILENAME as NEWS
from thidua.emulation.papers.news import news_paper
from thidua.emulation.queries.news import news_article
from thidua.emulation.queries.summary import year_summary
from thidua.registry.papers.achievement import FILENAME as ACHIEVEMENT
from thidua.registry.papers.achievement import unit_report


def review_papers(cluster_year: ClusterYear) -> dict[str, Callable[[], bytes]]:
    """File name -> how to make the paper, in the order they are listed; none before the review is
    concluded (or while its ballot is sealed)."""
    article = news_article(cluster_year)
    if article is None:
        return {}
    papers: dict[str, Callable[[], bytes]] = {
        NEWS: lambda: news_paper(article, cluster_year.cluster.organizer_id)
    }
    for line in year_summary(cluster_year).proposals:
        name = ACHIEVEMENT.replace(".docx", f"-{slugify(line.unit.code)}-{slugify(line.tier.code)}.docx")
        papers[name] = partial(
            unit_report, line.unit, cluster_year.year, award_name=line.tier.name, cluster_year=cluster_year
        )
    return papers
