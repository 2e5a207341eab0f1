"""The interchange format of a year's decisions and awardees (docs/INTERCHANGE.md), CSV and JSON.

No field list of the national emulation and commendation database (Cơ sở dữ liệu quốc gia về thi đua, khen
thưởng) is published where we could read it, so this is a documented, versioned format of our own: one row
per awardee, ASCII field names, dates yyyy-mm-dd, every form of the legal catalogue by its stable code
(awards/catalogue.py). It is read back through the decisions import (sheets/decisions.py): the same checks,
the same preview, and a file exported and imported into the same registry changes nothing."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.catalogue import AWARDS
from thidua.core.audit import Actor
from thidua.organisations.models import Organizer
from thidua.registry.models import Awardee
from thidua.sheets.decisions import DECISIONS
from thidua.sheets.importer import Context
from thidua.sheets.names import award_name
from thidua.sheets.reader import Column, FileRefused, Problem, Row, as_text
from thidua.sheets.wording import COLLECTIVE, PERSON

FORMAT = "thidua-khen-thuong"
VERSION = "1.0"
TAG = f"{FORMAT}/{VERSION}"
PERSON_CODE, COLLECTIVE_CODE = "ca_nhan", "tap_the"
IN_FORCE, REVOKED = "hieu_luc", "huy_bo"

# Field name -> the decisions import's column it is read into ("" for a field that is only reported).
FIELDS: dict[str, str] = {
    "dinh_dang": "format",
    "so_quyet_dinh": "number",
    "ngay_quyet_dinh": "date",
    "cap_quyet_dinh": "grantor",
    "nguoi_ky": "signer",
    "ma_hinh_thuc": "award_code",
    "ten_hinh_thuc": "award",
    "loai_hinh_thuc": "",
    "nam_thanh_tich": "year",
    "doi_tuong": "subject",
    "ten": "name",
    "ma_ca_nhan": "code",
    "chuc_vu": "position",
    "gioi_tinh": "",
    "ma_don_vi": "",
    "ten_don_vi": "unit",
    "tien_thuong": "",
    "ma_xac_minh": "",
    "tinh_trang": "status",
    "so_quyet_dinh_huy_bo": "",
    "ngay_quyet_dinh_huy_bo": "",
}


# ---- export -------------------------------------------------------------------------------------------


def awardees_of(organizer: Organizer, year: int) -> QuerySet[Awardee]:
    """The organizer's awards for achievements of `year` (the year the registry is searched by), the
    decisions its own (not a unit head's), in decision then awardee order."""
    return (
        Awardee.objects.filter(decision__organizer=organizer, decision__issuing_unit__isnull=True, year=year)
        .select_related("decision", "unit", "person", "person_unit", "revocation")
        .order_by("decision__date", "decision__number", "id")
    )


def record_of(awardee: Awardee) -> dict[str, object]:
    decision = awardee.decision
    unit = awardee.unit or awardee.person_unit
    award = AWARDS.get(decision.award)
    revocation = awardee.revocation if awardee.revoked else None
    person = awardee.person
    return {
        "dinh_dang": TAG,
        "so_quyet_dinh": decision.number,
        "ngay_quyet_dinh": decision.date.isoformat(),
        "cap_quyet_dinh": decision.grantor,
        "nguoi_ky": decision.signer,
        "ma_hinh_thuc": award.code if award else "",
        "ten_hinh_thuc": decision.award_name,
        "loai_hinh_thuc": ("danh_hieu" if award.form == "title" else "khen_thuong") if award else "",
        "nam_thanh_tich": awardee.year,
        "doi_tuong": PERSON_CODE if awardee.person_id else COLLECTIVE_CODE,
        "ten": awardee.name,
        "ma_ca_nhan": person.code if person and person.code != person.name else "",
        "chuc_vu": awardee.position,
        "gioi_tinh": person.sex if person else "",
        "ma_don_vi": unit.code if unit else "",
        "ten_don_vi": unit.name if unit else "",
        "tien_thuong": awardee.bonus if awardee.bonus is not None else "",
        "ma_xac_minh": awardee.code,
        "tinh_trang": REVOKED if revocation else IN_FORCE,
        "so_quyet_dinh_huy_bo": revocation.number if revocation else "",
        "ngay_quyet_dinh_huy_bo": revocation.date.isoformat() if revocation else "",
    }


def as_csv(awardees: Iterable[Awardee]) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens it with its diacritics), comma-separated, one header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\r\n")
    writer.writeheader()
    for awardee in awardees:
        writer.writerow(record_of(awardee))
    return out.getvalue().encode("utf-8-sig")


def as_json(awardees: Iterable[Awardee], organizer: Organizer, year: int) -> bytes:
    document = {
        "dinh_dang": FORMAT,
        "phien_ban": VERSION,
        "to_chuc": organizer.name,
        "nam_thanh_tich": year,
        "khen_thuong": [{k: v for k, v in record_of(a).items() if k != "dinh_dang"} for a in awardees],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


def export(organizer: Organizer, year: int, kind: str) -> tuple[bytes, str, str]:
    """(content, file name, media type) of the organizer's `year` as `kind` ("csv" or "json"): the page's
    download and `thidua export national` write the same file."""
    awardees = awardees_of(organizer, year)
    name = f"khen-thuong-{year}"
    if kind == "json":
        return as_json(awardees, organizer, year), f"{name}.json", "application/json"
    return as_csv(awardees), f"{name}.csv", "text/csv; charset=utf-8"


# ---- import: through the decisions import --------------------------------------------------------------

COLUMNS = tuple(
    Column(key, field, required=key in {"number", "date", "grantor", "year", "subject", "name", "award"})
    for field, key in FIELDS.items()
    if key
)


class InterchangeKind:
    """The decisions import reading the interchange format: each row's values put as the decisions kind
    reads them (a catalogue code as its form's name, ca_nhan/tap_the as Cá nhân/Tập thể), then checked,
    previewed and written by it. Revoked awards are reported, not imported: a revocation is the board's
    own act (registry actions), never an import's."""

    code = "interchange"
    label = _("Decisions and awardees in the interchange format (CSV, JSON)")
    columns = COLUMNS
    board_only = True

    def prepare(self, stream: IO[bytes], name: str) -> tuple[IO[bytes], str]:
        if not name.lower().endswith(".json"):
            return stream, name
        return io.BytesIO(_json_as_csv(stream, name)), f"{name}.csv"

    def check(self, context: Context, row: Row) -> None:
        typed = as_text(row.values.get("format"))
        if typed and (typed.split("/")[0] != FORMAT or typed.split("/")[-1].split(".")[0] != "1"):
            column = next(c for c in COLUMNS if c.key == "format")
            context.problem(
                row,
                column,
                gettext("«{value}» is not version 1 of the format {format}.").format(
                    value=typed, format=FORMAT
                ),
            )
            return
        if as_text(row.values.get("status")) == REVOKED:
            context.state["revoked"] = context.state.get("revoked", 0) + 1
            return
        values = dict(row.values)
        code = as_text(values.pop("award_code", ""))
        if code:
            if code not in AWARDS:
                column = next(c for c in COLUMNS if c.key == "award_code")
                context.problem(
                    row, column, gettext("«{code}» is not a code of the award catalogue.").format(code=code)
                )
                return
            values["award"] = award_name(code)
        subject = as_text(values.get("subject"))
        values["subject"] = {PERSON_CODE: PERSON, COLLECTIVE_CODE: COLLECTIVE}.get(subject, subject)
        DECISIONS.check(context, Row(row.sheet, row.number, values, row.problems))

    def finish(self, context: Context) -> None:
        DECISIONS.finish(context)
        revoked = context.state.get("revoked", 0)
        if revoked:
            context.plan.also.append(
                gettext(
                    "{count} revoked award(s) left aside: a revocation is recorded by its own act"
                ).format(count=revoked)
            )

    def write(self, context: Context, *, by: Actor) -> None:
        DECISIONS.write(context, by=by)


INTERCHANGE = InterchangeKind()


def _json_as_csv(stream: IO[bytes], name: str) -> bytes:
    try:
        document = json.loads(stream.read().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FileRefused([Problem(gettext("The file {name} is not JSON text.").format(name=name))]) from None
    records = document.get("khen_thuong") if isinstance(document, dict) else None
    version = str(document.get("phien_ban", "")) if isinstance(document, dict) else ""
    if document.get("dinh_dang") != FORMAT or not version.startswith("1.") or not isinstance(records, list):
        raise FileRefused(
            [
                Problem(
                    gettext(
                        "The file {name} is not version 1 of the format {format} (docs/INTERCHANGE.md)."
                    ).format(name=name, format=FORMAT)
                )
            ]
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), extrasaction="ignore")
    writer.writeheader()
    for record in _records(records):
        writer.writerow({"dinh_dang": f"{FORMAT}/{version}", **record})
    return out.getvalue().encode()


def _records(records: list[Any]) -> Iterator[dict[str, object]]:
    for record in records:
        yield {k: ("" if v is None else v) for k, v in record.items()} if isinstance(record, dict) else {}
