"""The news item of a concluded review (queries/news.py) as a Word file for the board's editor: the title,
the lead in bold, the body, the photo captions where the photos go, the author's line on the right. A news
item is no administrative paper: no national header, no number, no signature."""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua.documents.layout import Run, body, centered, new_document, write
from thidua.emulation.queries.news import Article

FILENAME = "tin-bai-hoi-nghi-binh-xet.docx"
TITLE_SIZE = 16


def news_paper(article: Article) -> bytes:
    doc = new_document(article.title)
    centered(doc, Run(article.title.upper(), bold=True, size=TITLE_SIZE), after=12)
    body(doc, Run(article.lead, bold=True))
    for paragraph in article.paragraphs:
        body(doc, paragraph)
    for caption in article.captions:
        centered(doc, Run(caption, italic=True), after=6)
    if article.author:
        write(doc.add_paragraph(), Run(article.author, bold=True), align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
