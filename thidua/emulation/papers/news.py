"""The news item of a concluded review (queries/news.py) as a Word file for the board's editor: the title,
the lead in bold, the body, the photo captions where the photos go, the author's line on the right. A news
item is no administrative paper: no national header, no number, no signature.

A Word template (documents.templating): the item's text (news_context, placeholders in SPEC) poured into the
organizer's own template or the built-in one, which the layout module makes here."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua.documents.layout import Run, body, centered, new_document, write
from thidua.documents.queries import override_content
from thidua.documents.templating import (
    Context,
    Field,
    Rendered,
    Rows,
    Spec,
    fill,
    lines,
    only_if,
    placeholder,
    saved,
)
from thidua.emulation.queries.news import Article

FILENAME = "tin-bai-hoi-nghi-binh-xet.docx"
PAPER = "tin-bai-hoi-nghi-binh-xet"
TITLE_SIZE = 16

TEXT = (Field("noi_dung", gettext_lazy("The paragraph's text")),)
SPEC: Spec = (
    Field("tieu_de", gettext_lazy("Title: the cluster and the two years")),
    Field("sapo", gettext_lazy("Lead: the day, the place, who chaired")),
    Rows("cac_doan", gettext_lazy("Paragraphs of the body, one each"), TEXT, paragraphs=True),
    Rows("chu_thich_anh", gettext_lazy("Photo captions, one each"), TEXT, paragraphs=True),
    Field("tac_gia", gettext_lazy("Author's line (empty when the record names none)")),
)


def news_context(article: Article) -> Context:
    """The item's text, as the paper's placeholders name it (SPEC)."""
    return {
        "tieu_de": article.title,
        "sapo": article.lead,
        "cac_doan": [{"noi_dung": text} for text in article.paragraphs],
        "chu_thich_anh": [{"noi_dung": text} for text in article.captions],
        "tac_gia": article.author,
    }


@lru_cache(maxsize=8)
def _default_template(language: str) -> bytes:
    doc = new_document(placeholder("tieu_de"))
    centered(doc, Run("{{ tieu_de|upper }}", bold=True, size=TITLE_SIZE), after=12)
    body(doc, Run(placeholder("sapo"), bold=True))
    lines(doc, "cac_doan", lambda r: body(doc, placeholder(f"{r}.noi_dung")))
    lines(
        doc, "chu_thich_anh", lambda r: centered(doc, Run(placeholder(f"{r}.noi_dung"), italic=True), after=6)
    )
    author = write(
        doc.add_paragraph(), Run(placeholder("tac_gia"), bold=True), align=WD_ALIGN_PARAGRAPH.RIGHT
    )
    only_if(author, "tac_gia")
    return saved(doc)


def default_template() -> bytes:
    """The built-in template of the news item, made by the layout module."""
    return _default_template(get_language() or "")


def render_news(article: Article, organizer_id: int | None = None) -> Rendered:
    """The news item as a Word file, from `organizer_id`'s own template when it has one (its failure
    noticed, the built-in template used instead)."""
    override = override_content(organizer_id, PAPER) if organizer_id is not None else None
    return fill(override, default_template, news_context(article))


def news_paper(article: Article, organizer_id: int | None = None) -> bytes:
    return render_news(article, organizer_id).content
