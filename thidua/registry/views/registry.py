"""The registry pages: search with filters and its Excel export, a person's and a unit's history, and the
statistics. Every view reads through scope.py; an object outside the user's scope is "không tìm thấy"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.awards.catalogue import AWARDS
from thidua.core.charts import Bar, Segment, bar_chart
from thidua.core.converters import bounded_int
from thidua.core.replica import reads_replica
from thidua.core.text import clean_text
from thidua.documents.workbook import filters_line, xlsx_response
from thidua.organisations.models import Unit
from thidua.registry import export, queries
from thidua.registry import rules as scope
from thidua.registry import search as registry_search
from thidua.registry.forms import SubUnitForm, SubUnitTitleForm
from thidua.registry.models import Decision, Person
from thidua.registry.papers.statistics_form import FILENAME as STATISTICS_FORM
from thidua.registry.papers.statistics_form import statistics_rendered
from thidua.registry.search import BadCursor, count_of, page_of, search_awards

PAGE_SIZE = 200
# A unit typed by name matches at most this many of the units one may see; more asks for a longer name.
MOST_UNITS = 50


def _get_person_for_user(request: HttpRequest, person_id: int) -> Person:
    return get_object_or_404(scope.visible_persons(request.user), pk=person_id)


def _get_unit_for_user(request: HttpRequest, unit_id: int) -> Unit:
    return get_object_or_404(scope.visible_units(request.user), pk=unit_id)


def _int(value: str | None) -> int | None:
    return bounded_int(value, 0)


def _text(request: HttpRequest, name: str) -> str:
    """A typed search text in NFC; one no database can compare (a NUL byte, which PostgreSQL refuses, a
    lone surrogate) is left out of the search with a message saying why."""
    text, problem = clean_text(request.GET.get(name, "").strip(), max_length=None)
    if problem is None:
        return text
    messages.warning(
        request, _("The search text {problem}; it was left out of the search.").format(problem=problem)
    )
    return ""


def _filters(request: HttpRequest) -> dict[str, Any]:
    get = request.GET
    return {
        "query": _text(request, "q"),
        "year": _year(request, get.get("nam", "").strip()),
        "award": _text(request, "hinh_thuc") or None,
        "unit": _units(request, _text(request, "don_vi")),
        "grantor": _text(request, "cap") or None,
    }


def _year(request: HttpRequest, typed: str) -> int | None:
    """The year asked for; one that is not a year (an address edited by hand: the form's box takes only
    numbers) is left out of the search with a message saying so, as a unit no one may see is."""
    year = _int(typed)
    if typed and year is None:
        messages.warning(
            request, _("«{typed}» is not a year; the search is not limited to a year.").format(typed=typed)
        )
    return year


def _units(request: HttpRequest, typed: str) -> list[int] | None:
    """The units the filter asks for: a unit's id (the links of other pages), or a name typed in part, matched
    among the units the user may see (with or without diacritics on PostgreSQL); never a list of every
    unit of the nation. Too many or no matches say so and leave the unit out of the search."""
    if not typed:
        return None
    visible = scope.visible_units(request.user)
    if typed.isascii() and typed.isdigit():
        return [int(typed)] if bounded_int(typed, 0) is not None else []
    named = Q(name__icontains=typed) | Q(short_name__icontains=typed) | Q(code__iexact=typed)
    found = list(visible.filter(named).order_by("pk").values_list("pk", flat=True)[: MOST_UNITS + 1])
    if len(found) > MOST_UNITS:
        messages.warning(
            request,
            _("More than {most} units match «{typed}»; type more of the unit's name.").format(
                most=MOST_UNITS, typed=typed
            ),
        )
        return None
    if not found:
        messages.warning(request, _("No unit you may see matches «{typed}».").format(typed=typed))
    return found


def _results(request: HttpRequest) -> tuple[dict[str, Any], Any]:
    filters = _filters(request)
    seen = scope.awardee_scope(request.user)
    rows = search_awards(
        **filters, within=seen.awardees, organizers=seen.organizers, officer_units=seen.units
    )
    return filters, rows


def _link(request: HttpRequest, **cursor: str) -> str:
    """This search's address with the page cursor `cursor` (none: the first page)."""
    kept = request.GET.copy()
    for name in ("sau", "truoc"):
        kept.pop(name, None)
    kept.update(cursor)
    return "?" + kept.urlencode()


@require_GET
@login_required
@reads_replica
def search(request: HttpRequest) -> HttpResponse:
    filters, rows = _results(request)
    try:
        page = page_of(rows, PAGE_SIZE, after=request.GET.get("sau"), before=request.GET.get("truoc"))
    except BadCursor:
        messages.warning(request, _("The page link is not valid; here is the first page of the search."))
        page = page_of(rows, PAGE_SIZE)
    shown_exactly = page.is_first and page.next is None
    counted = count_of(rows) if not shown_exactly else None
    context = {
        "filters": filters,
        "unit_typed": request.GET.get("don_vi", "").strip(),
        "rows": page.rows,
        "page": page,
        "count": len(page.rows) if counted is None else counted.exact,
        "counted": counted,
        "cap": number_format(registry_search.COUNT_CAP, force_grouping=True),
        # The planner's estimate, said only when it is beyond what was counted (it can be far off below).
        "estimate": number_format(counted.estimate, force_grouping=True)
        if counted and counted.estimate and counted.estimate > registry_search.COUNT_CAP
        else None,
        "next_link": _link(request, sau=str(page.next)) if page.next else None,
        "previous_link": _link(request, truoc=str(page.previous)) if page.previous else None,
        "first_link": None if page.is_first else _link(request),
        "page_size": PAGE_SIZE,
        "awards": sorted(((a.code, a.name) for a in AWARDS.values()), key=lambda item: item[1]),
        "query_string": _link(request)[1:],
    }
    return render(request, "registry/search.html", context)


def _said(request: HttpRequest, filters: dict[str, Any]) -> str:
    """The search's filters as the export's subtitle line, by the names the page shows."""
    award = AWARDS.get(filters["award"] or "")
    units = scope.visible_units(request.user).filter(pk__in=filters["unit"] or [])
    return filters_line(
        [
            (_("Search"), filters["query"]),
            (_("Year of achievement"), filters["year"]),
            (_("Commendation form"), award.name if award else filters["award"]),
            (_("Unit"), ", ".join(unit.name for unit in units[:5]) or None),
            (_("Grantor"), filters["grantor"]),
        ]
    )


@require_GET
@login_required
def search_export(request: HttpRequest) -> HttpResponse:
    filters, rows = _results(request)
    return xlsx_response(export.workbook(rows, _said(request, filters)), "so-khen-thuong.xlsx")


@require_GET
@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    found = _get_person_for_user(request, person_id)
    context = {
        "person": found,
        "postings": found.postings.select_related("unit").order_by("-start"),
        "years": found.years.order_by("-year"),
        "initiatives": found.initiatives.order_by("-year"),
        "awards": queries.person_history(found),
    }
    return render(request, "registry/person.html", context)


def unit_page(request: HttpRequest, unit: Unit, **bound: Any) -> HttpResponse:
    """A unit's history, its sub-units with their titles, and the forms to add a sub-unit or grant one a
    title (entry_views.py posts them; a bound form with errors comes back here)."""
    history = queries.unit_history(unit)
    context = {
        "history": history,
        "trend": bar_chart(
            _("Awards by year"),
            [
                Bar(str(year), str(own + people), (Segment(own, "bar"), Segment(people, "bar-2")))
                for year, own, people in history.by_year
            ],
            legend=[("bar", _("The unit")), ("bar-2", _("Its people"))],
        ),
        "sub_unit_form": bound.get("sub_unit_form") or SubUnitForm(),
        "title_form": bound.get("title_form") or SubUnitTitleForm(sub_units=unit.sub_units.all()),
    }
    status = 400 if any(f.errors for f in bound.values()) else 200
    return render(request, "registry/unit.html", context, status=status)


@require_GET
@login_required
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    return unit_page(request, _get_unit_for_user(request, unit_id))


def _form_charts(by_form: list[queries.FormCount]) -> list[SafeString]:
    """The table's counts as two stacked bar charts: by form of commendation, and by year."""
    legend = [("bar", _("Collectives")), ("bar-2", _("Persons"))]
    forms: dict[str, list[int]] = {}
    years: dict[str, list[int]] = {}
    for row in by_form:
        for key, into in ((row.award_name, forms), (str(row.year), years)):
            totals = into.setdefault(key, [0, 0])
            totals[0] += row.collectives
            totals[1] += row.persons

    def bars(items: list[tuple[Any, list[int]]]) -> list[Bar]:
        return [
            Bar(str(label), str(c + p), (Segment(c, "bar"), Segment(p, "bar-2"))) for label, (c, p) in items
        ]

    return [
        bar_chart(
            _("Awards by form of commendation"),
            bars(sorted(forms.items(), key=lambda item: -sum(item[1]))),
            legend=legend,
        ),
        bar_chart(_("Awards by year"), bars(sorted(years.items(), reverse=True)), legend=legend),
    ]


def _cluster_chart(rows: list[queries.ClusterCount], year: int | None) -> SafeString:
    """Awards by cluster or block, collectives and persons stacked: of the year shown, else of every year
    (one bar per cluster and year, newest first)."""
    title = (
        _("Awards by cluster or block in {year}").format(year=year)
        if year
        else _("Awards by cluster or block")
    )
    return bar_chart(
        title,
        [
            Bar(
                row.cluster if year else f"{row.cluster} ({row.year})",
                str(row.total),
                (Segment(row.collectives, "bar"), Segment(row.persons, "bar-2")),
            )
            for row in rows
        ],
        legend=[("bar", _("Collectives")), ("bar-2", _("Persons"))],
    )


def _share_charts(years: list[tuple[int, queries.Share]]) -> list[SafeString]:
    """The women's and the direct labourers' shares of person awards by year, as percentages. The law
    asks for gender equality and gives direct labourers priority (LAW-P4, LAW-P3: Law Art. 5) but sets no
    share to reach, so the charts carry no target line."""

    def share(part: int, whole: int) -> float:
        return 100 * part / whole if whole else 0.0

    return [
        bar_chart(
            _("Share of person awards going to women (%)"),
            [Bar.of(str(y), share(s.women, s.total), s.women_percent) for y, s in years],
        ),
        bar_chart(
            _("Share of person awards going to direct labourers (%)"),
            [Bar.of(str(y), share(s.direct, s.total), s.direct_percent) for y, s in years],
        ),
    ]


def _statistics_rows(request: HttpRequest) -> tuple[int | None, Any]:
    """The awards the statistics count, and the year filter; 404 for anyone but board staff."""
    if not scope.is_board(request.user):
        # Whole-organizer figures are the board's; a unit officer has nothing to find here.
        raise Http404(_("Not found."))
    year = _int(request.GET.get("nam"))
    rows = scope.visible_awardees(request.user)
    if year is not None:
        rows = rows.filter(year=year)
    return year, rows


@require_GET
@login_required
@reads_replica
def statistics(request: HttpRequest) -> HttpResponse:
    year, rows = _statistics_rows(request)
    found = queries.statistics(rows)
    by_form = queries.counts_by_form(rows)
    by_cluster = queries.counts_by_cluster(rows)
    years = sorted(found.by_year.items(), reverse=True)
    context = {
        "form_year": year or _latest_decision_year(request),
        "stats": found,
        "years": years,
        "year": year,
        "by_form": by_form,
        "charts": _form_charts(by_form),
        "by_cluster": by_cluster,
        "cluster_chart": _cluster_chart(by_cluster, year),
        "share_charts": _share_charts(years),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "registry/statistics.html", context)


def _latest_decision_year(request: HttpRequest) -> int | None:
    latest = (
        Decision.objects.filter(organizer__in=scope.board_organizers(request.user)).order_by("-date").first()
    )
    return latest.date.year if latest else None


@login_required
@require_GET
def statistics_form(request: HttpRequest) -> HttpResponse:
    """The organizer's yearly statistical report for the Ministry of Home Affairs (Excel): the board's, of
    the decisions issued in `?nam=` (the latest year with a decision when not given)."""
    organizers = scope.board_organizers(request.user)
    wanted = _int(request.GET.get("to_chuc"))
    organizer = organizers.filter(pk=wanted).first() if wanted else organizers.order_by("name").first()
    year = _int(request.GET.get("nam")) or _latest_decision_year(request)
    if organizer is None or year is None or not 1900 <= year <= 9999:
        raise Http404(_("Not found."))
    rendered = statistics_rendered(organizer, year)
    if rendered.notice:  # shown on the next page the user opens: the file itself is the built-in form
        messages.warning(request, rendered.notice)
    return xlsx_response(rendered.content, STATISTICS_FORM.replace(".xlsx", f"-{year}.xlsx"))


@require_GET
@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    year, rows = _statistics_rows(request)
    content = export.statistics_workbook(
        queries.counts_by_form(rows), queries.statistics(rows), filters_line([(_("Year"), year)])
    )
    return xlsx_response(content, f"thong-ke-khen-thuong{f'-{year}' if year else ''}.xlsx")
