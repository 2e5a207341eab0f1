"""A paper as a download: its Word file, or the PDF made from that same Word file."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from thidua.documents.pdf import DOCX_MIME, PDF_MIME, docx_to_pdf, pdf_name


def wanted(name: str, known: tuple[str, ...] | list[str]) -> tuple[str, bool] | None:
    """The Word file a requested name stands for, and whether the PDF is wanted: "x.pdf" → ("x.docx",
    True) when "x.docx" is known; None for a name that is no paper."""
    if name in known:
        return name, False
    for docx in known:
        if pdf_name(docx) == name:
            return docx, True
    return None


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, filename: str, mime: str) -> HttpResponse:
    """`content` as a download named `filename`."""
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename) or ""
    return response


def paper_response(content: bytes, filename: str, *, as_pdf: bool) -> HttpResponse:
    """The Word bytes `content` as an attachment named `filename` (a .docx name), or its PDF. Raises
    PdfUnavailable (with its message) when the PDF cannot be made."""
    if as_pdf:
        content, filename, mime = docx_to_pdf(content), pdf_name(filename), PDF_MIME
    else:
        mime = DOCX_MIME
    return attachment(content, filename, mime)
