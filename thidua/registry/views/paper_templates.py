"""The board's papers' templates ("Mẫu giấy tờ", under Set-up): for each paper the built-in template to
download, the organizer's own to upload (checked before it is kept), a preview from one of the organizer's
recent records (the latest unless the user picks another), and the way back to the built-in template. Only
the organizer's board reaches these pages (registry.rules.get_setup_organizer_for_user, 404 for anyone
else)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.feedback import add_refusal
from thidua.core.uploads import check_upload
from thidua.documents import actions, queries
from thidua.documents.download import attachment, paper_response
from thidua.documents.pdf import PdfUnavailable
from thidua.documents.templating import MAX_TEMPLATE_BYTES, WORD, Context, Field, Format, Rows, Spec, fill
from thidua.registry import rules as scope
from thidua.registry.paper_templates import PAPERS, templated_paper


class TemplateForm(forms.Form):
    template = forms.FileField(
        label=gettext_lazy("Your template (.docx)"),
        help_text=gettext_lazy("A Word file (.docx) of at most 2 MB, with the placeholders listed below."),
    )

    def __init__(self, *args: Any, kind: Format = WORD, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind is not WORD:  # a workbook paper: the field names its own file type
            field = self.fields["template"]
            field.label = _("Your template ({suffix})").format(suffix=kind.suffix)
            field.help_text = _(
                "An {kind} file ({suffix}) of at most 2 MB, with the placeholders listed below."
            ).format(kind=kind.label, suffix=kind.suffix)


@login_required
@require_http_methods(["GET"])
def papers(request: HttpRequest, organizer_id: int) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    rows = [(paper, queries.template_in_use(organizer.pk, key)) for key, paper in PAPERS.items()]
    return render(request, "registry/setup/papers.html", {"organizer": organizer, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, organizer_id: int, paper: str) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = templated_paper(paper)
    posted = request.method == "POST"  # an empty post is still a post: "choose a file", not a blank page
    form = TemplateForm(
        request.POST if posted else None, request.FILES if posted else None, kind=found.template_format
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["template"]
        try:
            # Refused before it is read into memory; the action checks the bytes again, by the same check.
            kind = found.template_format
            check_upload(upload, accepted=(kind.suffix,), max_bytes=MAX_TEMPLATE_BYTES)
            actions.upload_template(
                organizer,
                found.key,
                found.spec,
                filename=upload.name,
                content=upload.read(),
                by=request.user,
                template_format=kind,
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your template is in use for this paper from now on."))
            return redirect("registry:setup_paper", organizer.pk, found.key)
    choices = found.sample.choices(organizer)
    sample = found.sample.sample(choices, _chosen(request))
    context = {
        "organizer": organizer,
        "paper": found,
        "form": form,
        "in_use": queries.template_in_use(organizer.pk, found.key),
        "choices": choices,
        "sample": sample,
        "placeholders": _placeholders(found.spec, sample.context if sample else {}),
        "syntax": _syntax(found.template_format),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "registry/setup/paper.html", context, status=status)


CHOSEN = "ban_ghi"  # the query parameter naming the record a preview is made from


def _chosen(request: HttpRequest) -> int | None:
    """The record the user chose for the preview (None: the latest); anything but an id is a 404, as is
    an id that is not among the organizer's records (Samples.sample)."""
    value = request.GET.get(CHOSEN, "")
    if not value:
        return None
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


@dataclass(frozen=True)
class Placeholder:
    """A placeholder as the page lists it, with its value in the organizer's latest record."""

    code: str
    description: str
    example: str
    columns: tuple[Placeholder, ...] = ()


GROUPED_FROM = 10_000  # a whole number this large is grouped (1.234.567); below it may be a year (2024)


def _shown(field: Field, value: Any) -> str:
    if field.picture:
        return _("an image")
    if field.flag:
        return _("yes") if value else _("no")
    if isinstance(value, Decimal | float) or (
        isinstance(value, int) and not isinstance(value, bool) and abs(value) >= GROUPED_FROM
    ):
        # In the interface's own way: "98,50" and "1.234.567" in Vietnamese (thidua/formats/vi).
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value) if value is not None else ""


def _placeholders(spec: Spec, context: Context) -> list[Placeholder]:
    listed = []
    for item in spec:
        if isinstance(item, Rows):
            first = (context.get(item.name) or [{}])[0]
            columns = tuple(_columns(item, first, "r"))
            tag = "p" if item.paragraphs else "tr"
            listed.append(
                Placeholder("{%" + tag + " for r in " + item.name + " %}", str(item.description), "", columns)
            )
        else:
            listed.append(
                Placeholder(
                    "{{ " + item.name + " }}", str(item.description), _shown(item, context.get(item.name))
                )
            )
    return listed


def _columns(rows: Rows, first: dict[str, Any], loop: str) -> list[Placeholder]:
    """The columns of a list, a list within it followed by its own columns (as one level: `v.` for `r.`)."""
    listed = []
    for column in rows.columns:
        if isinstance(column, Rows):
            inner = (first.get(column.name) or [{}])[0]
            tag = "p" if column.paragraphs else "tr"
            code = "{%" + tag + " for v in " + loop + "." + column.name + " %}"
            listed.append(Placeholder(code, str(column.description), ""))
            listed.extend(_columns(column, inner, "v"))
        else:
            code = "{{ " + loop + "." + column.name + " }}"
            listed.append(Placeholder(code, str(column.description), _shown(column, first.get(column.name))))
    return listed


def _syntax(kind: Format = WORD) -> list[tuple[str, str]]:
    if kind is not WORD:  # a workbook: values in cells, lists as rows (sheet_templating.py)
        return [
            ("{{ nam }}", _("a value in a cell; alone in its cell, a number stays a number")),
            (
                "{%tr for r in bang_diem %}",
                _("in the first cell of a row of its own: the rows of a list start here"),
            ),
            ("{{ r.don_vi }}", _("in the row below it: a column of the list")),
            ("{%tr endfor %}", _("in the first cell of the next row: the rows of the list end here")),
        ]
    return [
        ("{{ so_quyet_dinh }}", _("a value, with its double braces")),
        ("{{ nguoi_khen_thuong|upper }}", _("the same value in capitals")),
        ("{%tr for r in danh_sach %}", _("in a table row of its own: the rows of a list start here")),
        ("{{ r.ten }}", _("in the row below it: a column of the list")),
        ("{%tr endfor %}", _("in the next row: the rows of the list end here")),
        (
            "{%p for r in cac_dong %} … {%p endfor %}",
            _(
                "each in a paragraph of its own: what lies between (paragraphs, tables) is repeated once "
                "for each item of the list"
            ),
        ),
        (
            "{%p if du_thao %} … {%p endif %}",
            _(
                "each in a paragraph of its own: what lies between is kept only when the yes-or-no "
                "field holds"
            ),
        ),
    ]


@login_required
@require_http_methods(["GET"])
def paper_default(request: HttpRequest, organizer_id: int, paper: str) -> HttpResponse:
    """The built-in template, to start one's own from."""
    scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = templated_paper(paper)
    kind = found.template_format
    return attachment(found.default(), f"mau-{found.key}{kind.suffix}", kind.mime)


@login_required
@require_http_methods(["GET"])
def paper_current(request: HttpRequest, organizer_id: int, paper: str) -> HttpResponse:
    """The template in use: the organizer's own, else the built-in one."""
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = templated_paper(paper)
    content = queries.override_content(organizer.pk, found.key)
    kind = found.template_format
    return attachment(content or found.default(), f"mau-dang-dung-{found.key}{kind.suffix}", kind.mime)


@login_required
@require_http_methods(["GET"])
def paper_preview(request: HttpRequest, organizer_id: int, paper: str, as_pdf: bool = False) -> HttpResponse:
    """The paper filled with the template in use from the record the user chose among the organizer's
    recent ones (?ban_ghi=id), else from the most recent."""
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = templated_paper(paper)
    if as_pdf and found.template_format is not WORD:  # no PDF of a workbook is made
        raise Http404
    sample = found.sample.sample(found.sample.choices(organizer), _chosen(request))
    if sample is None:
        messages.error(request, _("There is no record yet to preview this paper with."))
        return redirect("registry:setup_paper", organizer.pk, found.key)
    kind = found.template_format
    own = queries.override_content(organizer.pk, found.key)
    rendered = fill(own, found.default, sample.context, kind)
    if rendered.notice:
        messages.warning(request, rendered.notice)
    if kind is not WORD:  # a workbook is previewed as itself
        return attachment(rendered.content, f"xem-thu-{found.key}{kind.suffix}", kind.mime)
    try:
        return paper_response(rendered.content, f"xem-thu-{found.key}.docx", as_pdf=as_pdf)
    except PdfUnavailable as missing:
        messages.error(request, str(missing))
        return redirect("registry:setup_paper", organizer.pk, found.key)


@login_required
@require_POST
def paper_reset(request: HttpRequest, organizer_id: int, paper: str) -> HttpResponse:
    organizer = scope.get_setup_organizer_for_user(request.user, organizer_id)
    found = templated_paper(paper)
    if actions.reset_template(organizer, found.key, by=request.user) is not None:
        messages.success(request, _("The built-in template is in use for this paper again."))
    else:
        messages.info(request, _("This paper already uses the built-in template."))
    return redirect("registry:setup_paper", organizer.pk, found.key)
