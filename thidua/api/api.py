"""The JSON API (/api/v1/) for the provincial portal and the national database, described at openapi.json.
# No `from __future__ import annotations`: ninja reads the parameter and response types at import time.

Every endpoint reads through the same scope as the web pages (accounts.rules, registry.scope) and answers
an object outside it with 404, and calls the same functions as the commands: the results are
`results_for`, the export the exchange file of `thidua export`, the verdicts those of `thidua eligibility`.
"""

from collections.abc import Callable
from typing import IO, Annotated, Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as Refused
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy, ngettext
from ninja import File, NinjaAPI, Path, Query, Schema, UploadedFile
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.pagination import PaginationBase, paginate
from ninja.renderers import JSONRenderer
from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from thidua.accounts.roles import board_organizers
from thidua.api.auth import AUTH, RateLimited
from thidua.api.errors import BODY_NAME, bad_file, case_file_errors, read_body, too_large_said
from thidua.api.schemas import (
    AwardOut,
    ClusterOut,
    ClusterYearOut,
    Error,
    FileErrors,
    Imported,
    Invalid,
    PublicAwardOut,
    PublicModelDetailOut,
    PublicModelOut,
    PublicOrganizerOut,
    PublicResultsOut,
    SheetErrors,
    SheetPlan,
)
from thidua.awards.casefile import CaseFileInvalid, answer, parse_case_file
from thidua.core.converters import FIRST_YEAR, LAST_YEAR, MAX_ID
from thidua.core.replica import reads_replica
from thidua.core.text import clean_text
from thidua.documents.pdf import converter, pdf_name
from thidua.emulation.models import ClusterYear, Review
from thidua.emulation.papers.render import available_documents, workbook_of
from thidua.emulation.results import results_for
from thidua.emulation.rules import (
    get_cluster_for_user,
    get_cluster_year_for_user,
    visible_cluster_years,
    visible_clusters,
)
from thidua.exchange.errors import ExchangeFileInvalid, ExportImpossible
from thidua.exchange.exporter import dump_exchange, export_cluster
from thidua.exchange.history import KEEP, UNCHANGED
from thidua.exchange.importer import SharedUnitsChanged, run_import
from thidua.exchange.reader import parse_exchange
from thidua.exchange.upload import YAML_MIME
from thidua.organisations.models import Cluster, Organizer
from thidua.publication import queries as public
from thidua.publication.models import ExemplaryModel
from thidua.registry import search as registry_search
from thidua.registry import verification
from thidua.registry.models import Awardee
from thidua.registry.papers.review import review_papers
from thidua.registry.rules import awardee_scope
from thidua.registry.search import BadCursor, Count, count_of, page_of, search_awards
from thidua.registry.views import verify
from thidua.sheets.access import scope_for
from thidua.sheets.importer import run as run_import_sheet
from thidua.sheets.importer import summary, unconfirmed

# Ids and years as the URL converters bound them (core/converters.py): a value no database holds is a 422.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def _(message: str) -> str:
    """gettext_lazy, typed as the str ninja declares for its texts (tags, summaries, the description): they
    are said when the schema or an answer is rendered, in the request's language."""
    return cast(str, gettext_lazy(message))


NOT_FOUND = _("Not found (it does not exist or is outside what you may see).")
UNAUTHENTICATED = _(
    "Authentication needed: send an access token in the header 'Authorization: Bearer <token>' (issued by "
    "`thidua api-token`) or log in in the browser."
)
CSRF_FAILED = _(
    "The request from a browser lacks its CSRF token (header X-CSRFToken); programs use an access token."
)
CLUSTERS = _("Clusters and blocks")
EXCHANGE_FILE = _("Exchange file")
# The body is one YAML document whose top is a mapping (FORMAT.md, ELIGIBILITY.md): described as an object,
# so a client or a fuzzer sends a document the reader takes apart, not a lone quoted string.
YAML_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/yaml": {"schema": {"type": "object"}}},
    }
}


class Renderer(JSONRenderer):
    # Vietnamese as itself in the body, not \u escapes: readable by a person looking at the answer.
    json_dumps_params = {"ensure_ascii": False}


RATE_LIMITED = _(
    "Too many requests with this access token: at most {limit} a minute. Try again in {seconds} seconds."
)


class Api(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Every operation behind a token may answer 429 to a token past its requests for the minute
        (auth.count_request). The public side's operations (auth=None, no "security") take no token, so that
        answer is not theirs: they list only what they say."""
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                if not operation.get("security"):
                    continue
                operation.setdefault("responses", {}).setdefault(
                    429, {"description": str(_("Too many requests with this access token")), "content": error}
                )
        return schema


api = Api(
    title="thidua API",
    version="1",
    description=_("Emulation and commendation data for the provincial portal and the national database."),
    auth=AUTH,
    urls_namespace="api",
    renderer=Renderer(),
    # Served from ninja's own static files ("ninja" in INSTALLED_APPS); no validator badge from the internet.
    docs=Swagger(settings={"validatorUrl": None}),
)


# ---- errors: JSON with a Vietnamese "detail" ----------------------------------------------------------


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": str(UNAUTHENTICATED)}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    detail = str(RATE_LIMITED).format(limit=exc.limit, seconds=exc.retry_after)
    response = api.create_response(request, {"detail": detail}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(NOT_FOUND)}, status=404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja's own message for a failed CSRF check is English; ours are Vietnamese already.
    detail = str(CSRF_FAILED) if "CSRF" in str(exc) else str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # Django's own answer is an HTML page; a program sending a body gets JSON like every other refusal.
    return api.create_response(request, {"detail": str(too_large_said(None))}, status=413)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    body = {"detail": gettext("Invalid parameters."), "errors": exc.errors}
    return api.create_response(request, body, status=422)


class ParameterRefused(Exception):
    """A query parameter refused with its own message, once the view has looked at it (a page cursor)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name, self.message = name, message


@api.exception_handler(ParameterRefused)
def _refused(request: HttpRequest, exc: ParameterRefused) -> HttpResponse:
    # The shape of every other bad parameter's 422 (schemas.Invalid), with the message as its detail.
    error = {"loc": ["query", exc.name], "msg": exc.message, "type": "value_error"}
    return api.create_response(request, {"detail": exc.message, "errors": [error]}, status=422)


# ---- clusters and their years -------------------------------------------------------------------------


@api.get(
    "/clusters", response=list[ClusterOut], tags=[CLUSTERS], summary=_("The clusters and blocks you may see")
)
def clusters(request: HttpRequest) -> list[dict[str, Any]]:
    rows = visible_clusters(request.user).select_related("organizer").order_by("organizer__name", "code")
    return [
        {"id": c.pk, "code": c.code, "kind": c.kind, "name": c.name, "organizer": c.organizer.name}
        for c in rows
    ]


@api.get(
    "/clusters/{cluster_id}/years",
    response={200: list[ClusterYearOut], 404: Error, 422: Invalid},
    tags=[CLUSTERS],
    summary=_("The emulation years of a cluster or block you may see"),
)
def cluster_years(request: HttpRequest, cluster_id: Id) -> list[dict[str, Any]]:
    cluster = get_cluster_for_user(request.user, cluster_id)
    rows = (
        visible_cluster_years(request.user)
        .filter(cluster=cluster)
        .select_related("head", "host", "review")
        .prefetch_related("memberships__unit")
        .order_by("year")
    )
    return [_year(cy) for cy in rows]


def _year(cy: ClusterYear) -> dict[str, Any]:
    review: Review | None = getattr(cy, "review", None)
    status = Review.Status(review.status if review else Review.Status.PROPOSED)
    return {
        "year": cy.year,
        "head": cy.head.code if cy.head else None,
        "host": cy.host.code if cy.host else None,
        "members": sorted(m.unit.code for m in cy.memberships.all()),
        "status": status.value,
        "status_label": str(status.label),
    }


@api.get(
    "/clusters/{cluster_id}/years/{year}/results",
    response={200: dict[str, Any], 404: Error, 409: Error, 422: Invalid},
    tags=[CLUSTERS],
    summary=_("The review results of a year (results.json, FORMAT.md); 409 while a secret ballot is open"),
)
def year_results(request: HttpRequest, cluster_id: Id, year: Year) -> dict[str, Any]:
    try:
        found = get_cluster_year_for_user(request.user, cluster_id, year)
        # The papers `thidua scenario` writes: each Word file, then its PDF where LibreOffice can make it.
        own = available_documents(found)
        names = own + list(review_papers(found))
        papers = [*names, *([pdf_name(name) for name in names] if converter() else [])]
        papers += [workbook_of(name) for name in own if workbook_of(name)]
        return results_for(found, papers)
    except Refused as sealed:
        raise HttpError(409, " ".join(sealed.messages)) from None


@api.get(
    "/clusters/{cluster_id}/export",
    response={200: str, 404: Error, 409: Error, 422: Invalid},
    tags=[EXCHANGE_FILE],
    summary=_("The exchange file (YAML, FORMAT.md) of a cluster or block"),
    openapi_extra={"responses": {200: {"content": {"application/yaml": {"schema": {"type": "string"}}}}}},
)
def cluster_export(request: HttpRequest, cluster_id: Id) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, cluster_id)
    try:
        text = dump_exchange(export_cluster(cluster))
    except ExportImpossible as impossible:
        said = gettext("Cannot export the exchange file: {reason}.").format(reason=impossible.message)
        raise HttpError(409, said) from None
    return HttpResponse(text.encode("utf-8"), content_type=YAML_MIME)


# ---- importing an exchange file (the board's act) -----------------------------------------------------


@api.post(
    "/exchange",
    # 422: the file's problems line by line, or a query parameter of the wrong type (?replace=maybe).
    response={201: Imported, 403: Error, 404: Error, 409: Error, 413: Error, 422: FileErrors | Invalid},
    tags=[EXCHANGE_FILE],
    summary=_("Import an exchange file (board officers)"),
    openapi_extra=YAML_BODY,
)
def exchange_import(request: HttpRequest, replace: bool = False, accept_unit_changes: bool = False) -> Any:
    boards = board_organizers(request.user)
    if not boards.exists():
        # As on the upload page: to anyone but a board the endpoint does not exist.
        raise Http404
    try:
        text = read_body(request)
        data = parse_exchange(text, str(BODY_NAME))
    except ExchangeFileInvalid as invalid:
        return api.create_response(request, bad_file(gettext("Exchange file"), invalid.errors), status=422)
    if not boards.filter(name=data.organizer.name).exists():
        said = gettext(
            "The file belongs to '{organizer}': you are not an officer of that body's board; nothing was "
            "written."
        )
        raise HttpError(403, said.format(organizer=data.organizer.name))
    existing = Cluster.objects.filter(organizer__name=data.organizer.name, code=data.cluster.code).exists()
    if existing and not replace:
        said = gettext(
            "The cluster '{code}' already exists; send it again with ?replace=true to replace its years with "
            "the file's contents. Nothing was written."
        )
        raise HttpError(409, said.format(code=data.cluster.code))
    try:
        # No version check (core.concurrency): the caller opened no form, so there is no "version seen" to
        # compare. What guards a concurrent writer here is the importer itself: one transaction with the
        # cluster's rows locked, concluded years never overwritten, shared units changed only with
        # ?accept_unit_changes=true after the caller was shown them. The last whole file sent wins.
        report = run_import(data, by=request.user, replace=replace, accept_unit_changes=accept_unit_changes)
    except ExchangeFileInvalid as invalid:
        return api.create_response(request, bad_file(gettext("Exchange file"), invalid.errors), status=422)
    except SharedUnitsChanged as shared:
        count = len(shared.errors)
        detail = ngettext(
            "The file changes {count} thing in units shared with other clusters; check it, then send it "
            "again with ?accept_unit_changes=true to accept it. Nothing was written.",
            "The file changes {count} things in units shared with other clusters; check them, then send it "
            "again with ?accept_unit_changes=true to accept them. Nothing was written.",
            count,
        ).format(count=count)
        body = {**bad_file(gettext("Exchange file"), shared.errors), "detail": detail}
        return api.create_response(request, body, status=422)
    imported = {"cluster": report.cluster.pk, "code": report.cluster.code, "organizer": data.organizer.name}
    return api.create_response(
        request,
        {
            **imported,
            "years": [year.year for year in data.years],
            "replaced": existing,
            "unchanged": [fate.year for fate in report.years if fate.fate == UNCHANGED],
            "kept": [fate.year for fate in report.years if fate.fate == KEEP],
            "unit_changes": [str(change.message) for change in report.unit_changes],
        },
        status=201,
    )


# ---- the registry -------------------------------------------------------------------------------------


def _storable(value: str | None) -> str | None:
    # Checked as every door checks text (core/text.py): PostgreSQL cannot compare a NUL byte, where
    # SQLite would quietly match nothing; a 422 on both.
    if value is None:
        return None
    text, problem = clean_text(value, max_length=None)
    if problem is not None:
        raise PydanticCustomError("text", str(problem))
    return text


class HonourRollFilters(Schema):
    """The public honour roll's filters, as its page has them: name, year, form, unit."""

    q: str | None = None
    year: Year | None = None
    award: str | None = None
    unit: Id | None = None

    @field_validator("q", "award")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        return _storable(value)


class AwardFilters(HonourRollFilters):
    grantor: str | None = None

    @field_validator("grantor")
    @classmethod
    def _storable_grantor(cls, value: str | None) -> str | None:
        return _storable(value)


BAD_CURSOR = _("The page cursor is not valid: pass back the 'next' or 'previous' of an earlier answer.")


class AwardPages(PaginationBase):
    """100 awards a page (at most 500 with page_size), newest year first: a national search can match
    millions, so a page is read after a cursor (the answer's `next`, or `previous` to go back), never at an
    offset, and the count stops past 1,000 (`count_is_exact` false, with PostgreSQL's `count_estimate`)."""

    class Input(Schema):
        after: str | None = Field(None, max_length=40)
        before: str | None = Field(None, max_length=40)
        page_size: int = Field(100, ge=1, le=500)

    class Output(Schema):
        items: list[Any]
        count: int
        count_is_exact: bool
        count_estimate: int | None = None
        next: str | None = None
        previous: str | None = None

    def paginate_queryset(
        self, queryset: QuerySet[Awardee], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        try:
            page = page_of(queryset, pagination.page_size, after=pagination.after, before=pagination.before)
        except BadCursor:
            raise ParameterRefused("after" if pagination.after else "before", str(BAD_CURSOR)) from None
        counted = Count(len(page.rows)) if page.is_first and page.next is None else count_of(queryset)
        return {
            "items": page.rows,
            "count": registry_search.COUNT_CAP + 1 if counted.capped else counted.exact,
            "count_is_exact": not counted.capped,
            "count_estimate": counted.estimate,
            "next": str(page.next) if page.next else None,
            "previous": str(page.previous) if page.previous else None,
        }


@api.get(
    "/registry/awards",
    response={200: list[AwardOut], 422: Invalid},
    tags=[_("Registry")],
    summary=_("Search awards"),
)
@reads_replica  # read-only, as the registry's search page: the replica's rows when there is one
@paginate(AwardPages)
def registry_awards(request: HttpRequest, filters: Query[AwardFilters]) -> QuerySet[Awardee]:
    seen = awardee_scope(request.user)
    return search_awards(
        (filters.q or "").strip(),
        filters.year,
        (filters.award or "").strip() or None,
        filters.unit,
        (filters.grantor or "").strip() or None,
        within=seen.awardees,
        organizers=seen.organizers,
        officer_units=seen.units,
    )


# ---- the public side: no sign-in, read-only, exactly what the public pages show ------------------------

PUBLIC = _("Public side (no sign-in)")


def _public_organizer(organizer_id: int) -> Organizer:
    found = Organizer.objects.filter(pk=organizer_id).first()
    if found is None:
        raise Http404
    return found


def _public_get(
    path: str, out: Any, summary: str, *, description: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The one preamble of a public operation: no token (auth=None, so no token's 429 either), read from
    the replica, tagged as the public side, answering 404 for what is not public and 422 for a parameter
    out of range. An organizer's id in the path is read with _public_organizer."""

    def declare(view: Callable[..., Any]) -> Callable[..., Any]:
        return api.get(
            path,
            auth=None,
            response={200: out, 404: Error, 422: Invalid},
            tags=[PUBLIC],
            summary=summary,
            description=description,
        )(reads_replica(view))

    return declare


@api.get(
    "/public/organizers",
    auth=None,
    response=list[PublicOrganizerOut],
    tags=[PUBLIC],
    summary=_("The organizers whose public side this site serves"),
)
@reads_replica
def public_organizers(request: HttpRequest) -> Any:
    return Organizer.objects.order_by("name")


class PublicAwardPages(AwardPages):
    """The registry's pages (a cursor, never an offset), each award read as the public page reads it."""

    def paginate_queryset(
        self, queryset: QuerySet[Awardee], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        return {**page, "items": [public.entry_of(row) for row in page["items"]]}


@_public_get(
    "/public/organizers/{organizer_id}/awards",
    list[PublicAwardOut],
    _("The public honour roll: decided awards by name (without diacritics too), year, form, unit"),
)
@paginate(PublicAwardPages)
def public_awards(
    request: HttpRequest, organizer_id: Id, filters: Query[HonourRollFilters]
) -> QuerySet[Awardee]:
    organizer = _public_organizer(organizer_id)
    unit = filters.unit
    if unit is not None and not public.public_units(organizer).filter(pk=unit).exists():
        raise ParameterRefused("unit", gettext("No unit of this organizer has that id."))
    return public.honour_roll(
        organizer,
        (filters.q or "").strip(),
        year=filters.year,
        award=(filters.award or "").strip() or None,
        unit=unit,
    )


@_public_get(
    "/public/awards/{code}",
    PublicAwardOut,
    _("One award of the public honour roll, at its certificate's verification code"),
    # The public side's one limit, said as it is (registry.views.verify): no 429, a 404 while blocked.
    description=cast(
        str,
        format_lazy(
            _(
                "No access token. Guessing is slowed per client as on the verification page: after "
                "{guesses} wrong codes within {minutes} minutes, every code is answered 404 until those "
                "minutes end."
            ),
            guesses=verify.GUESSES,
            minutes=verify.WINDOW // 60,
        ),
    ),
)
def public_award(request: HttpRequest, code: Annotated[str, Path(max_length=64)]) -> Any:
    # A code as typed or scanned ("K7QF2-MXPAB"), at most as long as the verification page reads.
    # Looked up under the verification page's limit on guesses, as the public entry page.
    if verify.blocked(request):
        raise Http404
    normalized = verification.normalize(code)
    found = public.entry(normalized) if verification.is_well_formed(normalized) else None
    if found is None:
        verify.missed(request)
        raise Http404
    return found


@_public_get(
    "/public/organizers/{organizer_id}/results/{year}",
    list[PublicResultsOut],
    _("The results of a year the board published, cluster by cluster"),
)
def public_results(request: HttpRequest, organizer_id: Id, year: Year) -> Any:
    organizer = _public_organizer(organizer_id)
    return [
        public.results(published)
        for published in public.published_results(organizer).filter(cluster_year__year=year)
    ]


@_public_get(
    "/public/organizers/{organizer_id}/models",
    list[PublicModelOut],
    _("The published exemplary models, by movement and year, featured first"),
)
def public_models(
    request: HttpRequest, organizer_id: Id, movement: Id | None = None, year: Year | None = None
) -> Any:
    organizer = _public_organizer(organizer_id)
    return [_model(found) for found in public.models_listed(organizer, movement=movement, year=year)[:500]]


@_public_get(
    "/public/models/{token}",
    PublicModelDetailOut,
    _("A published exemplary model: its story and its awards on record"),
)
def public_model(
    request: HttpRequest, token: Annotated[str, Path(max_length=32, pattern=r"^[-a-zA-Z0-9_]+$")]
) -> Any:
    # A page token's letters (the public page's <slug:token>): anything else, a NUL byte that PostgreSQL
    # would refuse to compare included, is a 422.
    found = (
        ExemplaryModel.objects.select_related("movement")
        .filter(token=token, state=ExemplaryModel.State.PUBLISHED)
        .first()
    )
    if found is None:
        raise Http404
    return {**_model(found), "story": public.paragraphs(found), "awards": public.awards_of_model(found)}


def _model(found: ExemplaryModel) -> dict[str, Any]:
    """A published model as its public list shows it (read with its movement)."""
    return {
        **{name: getattr(found, name) for name in ("token", "name", "position", "title", "year", "featured")},
        "collective": found.collective,
        "movement": found.movement.name,
    }


# ---- eligibility --------------------------------------------------------------------------------------


@api.post(
    "/eligibility",
    response={200: list[dict[str, Any]], 413: Error, 422: FileErrors},
    tags=[_("Eligibility for awards")],
    summary=_("Judge the eligibility of a case file (ELIGIBILITY.md)"),
    openapi_extra=YAML_BODY,
)
def eligibility(request: HttpRequest) -> Any:
    try:
        case_file = parse_case_file(read_body(request), str(BODY_NAME))
    except ExchangeFileInvalid as unreadable:
        return api.create_response(request, bad_file(gettext("Case file"), unreadable.errors), status=422)
    except CaseFileInvalid as invalid:
        errors = case_file_errors(invalid.errors)
        return api.create_response(request, bad_file(gettext("Case file"), errors), status=422)
    return [verdict.as_dict() for verdict in answer(case_file)]


# ---- importing an Excel or CSV file (the importer of the page and of `thidua load`) ---------------------

SHEETS = _("Imports from Excel or CSV")


def _sheet_too_large(size: int) -> str:
    return gettext(
        "The file sent is larger than {most} MB ({size} MB): import it on the import page or with "
        "`thidua load`, where large files are read in the background. Nothing was written."
    ).format(
        most=f"{settings.SHEETS_BACKGROUND_BYTES / 1024 / 1024:.1f}".replace(".", ","),
        size=f"{size / 1024 / 1024:.1f}".replace(".", ","),
    )


@api.post(
    "/imports/{kind}",
    response={200: SheetPlan, 201: SheetPlan, 404: Error, 413: Error, 422: SheetErrors | Invalid},
    tags=[SHEETS],
    summary=_("Preview or import an Excel or CSV file (board officers; a unit's officer for its own people)"),
    description=_(
        "KIND is what the file holds, as `thidua load` names it (decisions, person_years, units, criteria, "
        "interchange, clusters, people, initiatives, scores). Without commit the answer is the preview: the "
        "rows to add, change and leave alone, and the names read without an exact match. With commit=true "
        "the file is written when it has no problem, all rows or none (201); names without an exact match "
        "need "
        "confirm_names=true. Every problem is answered with 422, by sheet, row and column; a file larger "
        "than the page's background limit is answered with 413. organizer: the organizer's id, for an "
        "officer of several boards."
    ),
)
def sheets_import(
    request: HttpRequest,
    kind: str,
    file: File[UploadedFile],
    commit: bool = False,
    confirm_names: bool = False,
    organizer: Id | None = None,
) -> Any:
    scope, allowed = scope_for(request.user, str(organizer) if organizer else None)
    chosen = next((k for k in allowed if k.code == kind), None)
    if chosen is None:
        raise Http404
    if file.size is not None and file.size > settings.SHEETS_BACKGROUND_BYTES:
        raise HttpError(413, _sheet_too_large(file.size))
    name = (file.name or "").rsplit("/", 1)[-1]
    stream = cast(IO[bytes], file.file)
    plan = run_import_sheet(
        chosen, stream, name, scope, by=request.user, write=commit, confirmed=confirm_names
    )
    shown = summary(plan)
    if plan.problems:
        count = len(plan.problems)
        detail = ngettext(
            "The file has {count} problem; nothing was written.",
            "The file has {count} problems; nothing was written.",
            count,
        ).format(count=count)
        errors = [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message, "text": str(p)}
            for p in plan.problems
        ]
        return api.create_response(request, {"detail": detail, "errors": errors, "plan": shown}, status=422)
    if commit and not plan.written and (plan.created or plan.changed) and unconfirmed(shown, confirm_names):
        body = {"detail": shown["problems"][0], "errors": [], "plan": shown}
        return api.create_response(request, body, status=422)
    return api.create_response(request, shown, status=201 if plan.written else 200)
