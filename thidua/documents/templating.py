"""Papers as Word templates: a paper is its facts (a context of plain values and lists of rows) poured into a
.docx holding docxtpl placeholders (`{{ so_quyet_dinh }}`, rows as `{%tr for r in danh_sach %}`).

The built-in template of each paper is made by the layout module (layout.py) with placeholders for values,
so it keeps the Decree 30/2020 header, margins and fonts; an organizer may replace it with its own .docx
(models.PaperTemplate). Uploaded templates are organizers' text, not code: they run in Jinja's sandbox,
with every missing name an error (StrictUndefined), and are checked before they are kept (check_template):
a real Word file, no macros, no syntax error, no placeholder the paper's facts lack.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from docx.document import Document as DocxDocument
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from thidua.core.uploads import KINDS, check_content

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
# A 1×1 white PNG: what a picture placeholder shows in the check's trial render.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8ffff3f0005fe02fea7d605bb0000000049454e44ae426082"
)


@dataclass(frozen=True)
class Field:
    """One placeholder: its name in the template and what it holds (shown on the board's page, beside its
    value in the organizer's latest record)."""

    name: str
    description: str | Promise
    picture: bool = False  # an image (a QR code), placed with {{ name }} alone in its paragraph
    flag: bool = False  # yes or no, for {%p if name %} … {%p endif %}


@dataclass(frozen=True)
class Rows:
    """A list of rows, for `{%tr for r in name %}` … `{%tr endfor %}`; each row holds `columns`, which may
    be lists themselves (a table per item: `{%tr for v in r.name %}`). With `paragraphs`, the list repeats
    paragraphs rather than table rows (`{%p for r in name %}` … `{%p endfor %}`): the lines of a section, or
    one certificate a page."""

    name: str
    description: str | Promise
    columns: tuple[Field | Rows, ...]
    paragraphs: bool = False


Spec = tuple[Field | Rows, ...]


@dataclass(frozen=True)
class Picture:
    """An image in a context (a QR code): PNG bytes and the width it is shown at."""

    png: bytes
    width_cm: float


Context = dict[str, Any]


def example_context(spec: Spec) -> Context:
    """A context holding every placeholder (each text its own name, two rows per list): what an uploaded
    template is tried on before it is kept."""
    return {item.name: _example(item) for item in spec}


def _example(field: Field | Rows) -> Any:
    if isinstance(field, Rows):
        return [{c.name: _example(c) for c in field.columns} for _n in range(2)]
    if field.picture:
        return Picture(BLANK_PNG, 1.0)
    if field.flag:
        return False
    return field.name


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def _with_pictures(value: Any, template: DocxTemplate) -> Any:
    if isinstance(value, Picture):
        return InlineImage(template, io.BytesIO(value.png), width=Cm(value.width_cm))
    if isinstance(value, Mapping):
        return {key: _with_pictures(item, template) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_with_pictures(item, template) for item in value]
    return value


class TemplateProblem(Exception):
    """A template that cannot be rendered; the message says what and where, in the interface's language."""


def render(template: bytes, context: Context) -> bytes:
    """The Word file of `template` filled with `context`. Raises TemplateProblem."""
    try:
        document = DocxTemplate(io.BytesIO(template))
        document.render(_with_pictures(context, document), jinja_env=_environment(), autoescape=True)
        out = io.BytesIO()
        document.save(out)
    except TemplateError as error:
        raise TemplateProblem(_explain(error)) from error
    except Exception as error:  # a damaged file fails anywhere inside docx or lxml
        raise TemplateProblem(
            _("The template could not be read as a Word file ({detail}).").format(detail=str(error)[:200])
        ) from error
    return out.getvalue()


MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
MISSING_NAME = re.compile(r"'([^']+)' is undefined")


def missing_field(name: str) -> str:
    return _("The template uses {placeholder} but the data has no such field.").format(
        placeholder="{{ " + name + " }}"
    )


def _explain(error: TemplateError, lines: Sequence[str] | None = None) -> str:
    """A template's error in the interface's language, with the text of the paragraph it is in."""
    if isinstance(error, UndefinedError):
        found = MISSING_ATTRIBUTE.search(str(error)) or MISSING_NAME.search(str(error))
        if found:
            return missing_field(found.group(1))
    if lines is None:
        # docxtpl gives seven paragraphs around the error, the fourth being the one Jinja stopped at.
        lines = [line.strip() for line in getattr(error, "docx_context", []) or []]
        where = lines[3] if len(lines) > 3 and lines[3] else " ".join(line for line in lines if line)
    else:
        where = _paragraph_at(lines, getattr(error, "lineno", None) or len(lines))
    if isinstance(error, TemplateSyntaxError):
        return _("The template has a syntax error near “{text}” ({detail}).").format(
            text=where[:160] or "?", detail=_syntax_detail(error.message or "")
        )
    return _("The template could not be filled near “{text}” ({detail}).").format(
        text=where[:160] or "?", detail=str(error)[:200]
    )


def _paragraph_at(lines: Sequence[str], lineno: int) -> str:
    """The text of the paragraph at Jinja's `lineno`; when it holds no tag (Jinja reached the end looking
    for a closing tag), the nearest paragraph before it that holds one."""
    texts = [re.sub(r"<[^>]+>", "", line).strip() for line in lines]
    index = min(max(lineno - 1, 0), len(texts) - 1) if texts else 0
    for back in range(index, -1, -1):
        if "{%" in texts[back] or "{{" in texts[back]:
            return texts[back]
    return texts[index] if texts else ""


UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']+)'")
UNKNOWN_FILTER = re.compile(r"No filter named '([^']+)'")


def _syntax_detail(message: str) -> str:
    """Jinja's own words, said in the interface's language for the mistakes people make in Word."""
    if message.startswith("Unexpected end of template"):
        return _("a block is not closed: its endif or endfor is missing")
    found = UNKNOWN_TAG.search(message)
    if found:
        return _("“{tag}” is not a known tag").format(tag=found.group(1))
    found = UNKNOWN_FILTER.search(message)
    if found:
        return _("“{name}” is not a known filter").format(name=found.group(1))
    if "expected token" in message or "unexpected" in message:
        return _("a placeholder or tag is badly written: check its braces and spelling ({detail})").format(
            detail=message
        )
    return message


def _syntax_check(document: DocxTemplate, environment: SandboxedEnvironment) -> None:
    """Parse the document's body as docxtpl renders it, so that a syntax error names its paragraph."""
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", document.patch_xml(document.get_xml()))
    try:
        environment.from_string(source)  # compiles too: an unknown filter is found here
    except TemplateSyntaxError as error:
        raise _refuse(_explain(error, source.splitlines())) from error


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="template")


def check_package(content: bytes, filename: str = "") -> None:
    """A real .docx by its content, no macros, not too large: the product's one upload check."""
    try:
        check_content(content, filename or "mau.docx", accepted=(".docx",), max_bytes=MAX_TEMPLATE_BYTES)
    except ValidationError as refused:
        raise _refuse(" ".join(refused.messages)) from refused


def check_template(content: bytes, spec: Spec, filename: str = "") -> None:
    """Everything an uploaded template must pass before it is kept; raises ValidationError naming the
    problem (the first placeholder the paper's facts lack, the syntax error and where)."""
    check_package(content, filename)
    try:
        document = DocxTemplate(io.BytesIO(content))
        document.init_docx()
        environment = _environment()
        _syntax_check(document, environment)
        used = document.get_undeclared_template_variables(jinja_env=environment)
    except ValidationError:
        raise
    except TemplateError as error:
        raise _refuse(_explain(error)) from error
    except Exception as error:  # python-docx or lxml refusing a damaged package
        raise _refuse(
            _("The template could not be read as a Word file ({detail}).").format(detail=str(error)[:200])
        ) from error
    known = {item.name for item in spec} | set(environment.globals)
    unknown = sorted(set(used) - known)
    if unknown:
        raise ValidationError([missing_field(name) for name in unknown], code="template")
    try:
        render(content, example_context(spec))
    except TemplateProblem as problem:
        raise _refuse(str(problem)) from problem


# ---- making a built-in template from the layout module ------------------------------------------------


def placeholder(name: str) -> str:
    return "{{ " + name + " }}"


def only_if(paragraph: Paragraph, condition: str) -> Paragraph:
    """Keep `paragraph` only when `condition` holds: wrapped in `{%p if %}` … `{%p endif %}` paragraphs,
    which docxtpl removes with the paragraphs that hold them."""
    paragraph.insert_paragraph_before("{%p if " + condition + " %}")
    after = paragraph.insert_paragraph_before("{%p endif %}")
    paragraph._p.addnext(after._p)  # move the closing tag after the paragraph
    return paragraph


def lines(doc: DocxDocument, rows: str, write_line: Callable[[str], object], loop: str = "r") -> None:
    """Paragraphs repeated once per item of `rows` (`{%p for %}` … `{%p endfor %}`): `write_line` adds
    what one item shows, given the item's name in the loop."""
    doc.add_paragraph("{%p for " + loop + " in " + rows + " %}")
    write_line(loop)
    doc.add_paragraph("{%p endfor %}")


def row_loop(rows: str, columns: Sequence[str], loop: str = "r") -> list[list[str]]:
    """The rows of a layout.grid that docxtpl repeats once per item of `rows`."""
    width = len(columns)
    return [
        ["{%tr for " + loop + " in " + rows + " %}"] + [""] * (width - 1),
        [placeholder(f"{loop}.{column}") for column in columns],
        ["{%tr endfor %}"] + [""] * (width - 1),
    ]


def saved(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Rendered:
    """A paper's Word file and, when the organizer's own template failed, why the built-in one was used."""

    content: bytes
    notice: str = ""


@dataclass(frozen=True)
class Format:
    """What a paper's template is: a Word file (WORD, here) or an Excel workbook (sheet_templating.WORKBOOK),
    with the one check an upload of it passes and the one way it is filled."""

    suffix: str
    mime: str
    label: str  # how a user knows the file type: "Word", "Excel"
    check: Callable[[bytes, Spec, str], None]
    render: Callable[[bytes, Context], bytes]


WORD = Format(
    ".docx",
    KINDS[".docx"].mime,
    "Word",
    check_template,
    render,
)


def fill(
    override: bytes | None,
    default: Callable[[], bytes],
    context: Context,
    template_format: Format = WORD,
) -> Rendered:
    """Render the organizer's `override` when there is one, else the built-in template; an override that
    fails falls back to the built-in template with a notice saying why."""
    make = template_format.render
    if override is not None:
        try:
            return Rendered(make(override, context))
        except TemplateProblem as problem:
            notice = _(
                "Your organizer's own template for this paper could not be used ({problem}); the built-in "
                "template was used instead. Correct the template on the Set-up > Paper templates page."
            ).format(problem=problem)
            return Rendered(make(default(), context), notice)
    return Rendered(make(default(), context))
