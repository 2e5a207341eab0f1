"""The board's and the units' forms. Every message a user can trigger is Vietnamese and names the field;
the services (services.py, entry.py) make the change, so a form only reads and checks what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet

from thidua.awards.catalogue import ANY_AWARD, ANY_AWARD_NAME, AWARDS, PARAMETERS, PERSON, UNIT
from thidua.emulation.models import Rating
from thidua.organisations.models import Organizer, Unit
from thidua.registry.actions.entry import SUB_UNIT_TITLES, person_title_errors
from thidua.registry.models import AwardProposal, Hold, Initiative, InitiativeLevel, Person, Sex

DATE_FORMAT = "%d/%m/%Y"
FIRST_YEAR, LAST_YEAR = 1945, 2100
# The titles a unit grants its own people, and a superior grants a unit, that the engine reads each year.
PERSON_TITLES = ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "giay-khen")
UNIT_TITLES = ("tap-the-lao-dong-tien-tien", "tap-the-lao-dong-xuat-sac", "giay-khen")


def day_field(label: str, *, required: bool = True) -> forms.DateField:
    """A date typed as dd/mm/yyyy, with messages that name the field."""
    return forms.DateField(
        label=f"{label} (ngày/tháng/năm)",
        required=required,
        input_formats=[DATE_FORMAT],
        widget=forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": f"Cần nhập {label.lower()}.",
            "invalid": f"{label} phải viết theo dạng ngày/tháng/năm, ví dụ 15/02/2022.",
        },
    )


def text_field(label: str, *, max_length: int = 255, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={
            "required": f"Cần nhập {label.lower()}.",
            "max_length": f"{label} dài quá {max_length} ký tự.",
        },
        **kwargs,
    )


def year_field(label: str = "Năm") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={
            "required": f"Cần nhập {label.lower()}.",
            "invalid": f"{label} phải là một số, ví dụ 2021.",
            "min_value": f"{label} phải từ {FIRST_YEAR} đến {LAST_YEAR}.",
            "max_value": f"{label} phải từ {FIRST_YEAR} đến {LAST_YEAR}.",
        },
    )


def count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        error_messages={
            "invalid": f"{label} phải là một số nguyên.",
            "min_value": f"{label} không được âm.",
        },
    )


def award_choices(kind: str | None = None, codes: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    found = [a for a in AWARDS.values() if (kind is None or kind in a.subjects)]
    if codes is not None:
        found = [a for a in found if a.code in codes]
    return [(a.code, a.name) for a in found]


def award_label(code: str) -> str:
    """An award's name for a page: the catalogue's, every award at once, or the code as entered."""
    if code == ANY_AWARD:
        return ANY_AWARD_NAME
    return AWARDS[code].name if code in AWARDS else code


def _choice_error(label: str) -> dict[str, str]:
    return {
        "required": f"Cần chọn {label.lower()}.",
        "invalid_choice": f"{label} đã chọn không có trong danh sách.",
        "invalid_pk_value": f"{label} đã chọn không có trong danh sách.",
    }


def rating_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Xếp loại",
        choices=[("", "Chưa xếp loại"), *Rating.choices],
        required=False,
        error_messages=_choice_error("Xếp loại"),
    )


def titles_field(label: str, choices: list[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages=_choice_error("Danh hiệu"),
    )


# ---- a proposal's way ------------------------------------------------------------------------------


class FromReviewForm(forms.Form):
    due = day_field("Hạn nộp hồ sơ", required=False)


class DossierForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label="Văn bản đã nhận",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Chưa đánh dấu văn bản nào đã nhận.",
            "invalid_choice": "Văn bản «%(value)s» không thuộc hồ sơ này.",
        },
    )

    def __init__(self, *args: Any, proposal: AwardProposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only what is still missing can be ticked: a received document stays received.
        self.fields["codes"].choices = [  # type: ignore[attr-defined]
            (item.code, item.name) for item in proposal.dossier.all() if not item.provided
        ]


class ReturnForm(forms.Form):
    reasons = text_field(
        "Lý do trả lại",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một lý do.",
    )

    def reason_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["reasons"].splitlines() if line.strip()]


class RefuseForm(forms.Form):
    reason = text_field("Lý do không khen thưởng", max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class OverrideForm(forms.Form):
    reason = text_field(
        "Lý do vượt qua kết quả xét điều kiện",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Căn cứ để Ban vẫn cho đề nghị đi tiếp; hiện trên hồ sơ, phiếu và biên bản Hội đồng.",
    )


class ProposeForm(forms.Form):
    """A unit's own proposal: for the unit itself, another unit the user may propose for, or a person."""

    award = forms.ChoiceField(
        label="Hình thức khen thưởng", error_messages=_choice_error("Hình thức khen thưởng")
    )
    year = year_field("Năm thành tích")
    proposed_by = forms.ModelChoiceField(
        label="Đơn vị đề nghị", queryset=Unit.objects.none(), error_messages=_choice_error("Đơn vị đề nghị")
    )
    unit = forms.ModelChoiceField(
        label="Tập thể được đề nghị",
        queryset=Unit.objects.none(),
        required=False,
        error_messages=_choice_error("Tập thể được đề nghị"),
    )
    person = forms.ModelChoiceField(
        label="Cá nhân được đề nghị",
        queryset=Person.objects.none(),
        required=False,
        error_messages=_choice_error("Cá nhân được đề nghị"),
    )
    due = day_field("Hạn nộp hồ sơ", required=False)

    def __init__(
        self,
        *args: Any,
        proposers: QuerySet[Unit],
        units: QuerySet[Unit],
        persons: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = award_choices()  # type: ignore[attr-defined]
        self.fields["proposed_by"].queryset = proposers.order_by("name")  # type: ignore[attr-defined]
        if proposers.count() == 1:
            # A unit officer proposes for one unit: chosen already, not an empty line to stumble on.
            self.fields["proposed_by"].empty_label = None  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unit, person = data.get("unit"), data.get("person")
        if (unit is None) == (person is None) and not self.errors:
            raise forms.ValidationError("Chọn đúng một đối tượng: một tập thể hoặc một cá nhân.")
        award = AWARDS.get(data.get("award", ""))
        if award is not None and (unit or person):
            kind = PERSON if person is not None else UNIT
            if kind not in award.subjects:
                who = "cá nhân" if kind == PERSON else "tập thể"
                raise forms.ValidationError(f"«{award.name}» không tặng cho {who}.")
        return data


# ---- decisions -------------------------------------------------------------------------------------


def _waiting_label(proposal: AwardProposal) -> str:
    """A proposal on the decision form: its state and where it stands against the law."""
    standing = proposal.standing_label.lower()
    if proposal.override_applies:
        standing += ", có lý do vượt qua của Ban"
    return f"{proposal.subject_name} ({proposal.get_state_display().lower()}; {standing})"


class DecisionForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label="Đề nghị được khen thưởng",
        queryset=AwardProposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Chọn ít nhất một đề nghị để quyết định.",
            "invalid_choice": "Đề nghị đã chọn không còn chờ quyết định.",
            "invalid_pk_value": "Đề nghị đã chọn không còn chờ quyết định.",
        },
    )
    number = text_field("Số quyết định", max_length=100)
    date = day_field("Ngày quyết định")
    signer = text_field("Người ký")

    def __init__(self, *args: Any, waiting: QuerySet[AwardProposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        field.queryset = waiting  # type: ignore[attr-defined]
        field.label_from_instance = _waiting_label  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    number = text_field("Số quyết định hủy bỏ", max_length=100)
    date = day_field("Ngày quyết định hủy bỏ")
    reason = text_field("Lý do hủy bỏ", max_length=2000)


class QuotaForm(forms.Form):
    award = forms.ChoiceField(
        label="Hình thức khen thưởng", error_messages=_choice_error("Hình thức khen thưởng")
    )
    year = year_field()
    limit = forms.IntegerField(
        label="Số lượng tối đa",
        min_value=0,
        error_messages={
            "required": "Cần nhập số lượng tối đa.",
            "invalid": "Số lượng tối đa phải là một số nguyên.",
            "min_value": "Số lượng tối đa không được âm.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award"].choices = award_choices()  # type: ignore[attr-defined]


class ProvinceRuleForm(forms.Form):
    """A province's own rule: which figure of which award, its value, its document and when in force.
    Whether the figure fits the award, the value's range and overlaps are the service's checks."""

    award = forms.ChoiceField(
        label="Hình thức khen thưởng", error_messages=_choice_error("Hình thức khen thưởng")
    )
    parameter = forms.ChoiceField(label="Tiêu chí", error_messages=_choice_error("Tiêu chí"))
    value = forms.IntegerField(
        label="Giá trị",
        error_messages={"required": "Cần nhập giá trị.", "invalid": "Giá trị phải là một số nguyên."},
    )
    document = text_field("Số, ký hiệu văn bản", help_text="Ví dụ: Quyết định 86/2025/QĐ-UBND")
    document_date = day_field("Ngày ban hành")
    article = text_field("Điều, khoản", help_text="Ví dụ: Điều 4 khoản 2")
    start = day_field("Ngày có hiệu lực")
    end = day_field("Ngày cuối cùng có hiệu lực", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = tuple(dict.fromkeys(code for p in PARAMETERS.values() for code in p.rules))
        every = [(ANY_AWARD, ANY_AWARD_NAME)]
        self.fields["award"].choices = award_choices(codes=codes) + every  # type: ignore[attr-defined]
        self.fields["parameter"].choices = [(p.code, p.name) for p in PARAMETERS.values()]  # type: ignore[attr-defined]


class EndProvinceRuleForm(forms.Form):
    end = day_field("Ngày cuối cùng có hiệu lực")


# ---- people and yearly facts -------------------------------------------------------------------------

DIRECT_CHOICES = [("", "Chưa rõ"), ("1", "Có"), ("0", "Không")]


class PersonForm(forms.Form):
    """A person and, on creation, where they work; on editing, a new posting only if a unit is chosen."""

    name = text_field("Họ và tên")
    code = text_field("Mã cá nhân", max_length=64, required=False, help_text="Để trống: tự đặt theo họ tên.")
    sex = forms.ChoiceField(
        label="Giới tính",
        choices=[("", "Chưa rõ"), *Sex.choices],
        required=False,
        error_messages=_choice_error("Giới tính"),
    )
    birth_year = forms.IntegerField(
        label="Năm sinh",
        required=False,
        min_value=1900,
        max_value=LAST_YEAR,
        error_messages={
            "invalid": "Năm sinh phải là một số, ví dụ 1980.",
            "min_value": "Năm sinh phải từ 1900 trở về sau.",
            "max_value": f"Năm sinh phải trước {LAST_YEAR}.",
        },
    )
    direct_labourer = forms.TypedChoiceField(
        label="Người lao động trực tiếp",
        choices=DIRECT_CHOICES,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
        error_messages=_choice_error("Người lao động trực tiếp"),
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị công tác", queryset=Unit.objects.none(), error_messages=_choice_error("Đơn vị công tác")
    )
    position = text_field("Chức vụ", required=False)
    start = day_field("Ngày bắt đầu công tác tại đơn vị")

    def __init__(
        self, *args: Any, units: QuerySet[Unit], person: Person | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["unit"].queryset = units.order_by("name")  # type: ignore[attr-defined]
        if person is not None:
            self.fields["unit"].required = False
            self.fields["unit"].label = "Chuyển đến đơn vị (để trống nếu không đổi)"
            self.fields["start"].required = False
            self.fields["start"].label = "Ngày chuyển đến (ngày/tháng/năm)"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.person is not None and data.get("unit") is not None and data.get("start") is None:
            self.add_error("start", "Cần nhập ngày chuyển đến đơn vị mới.")
        organizer_id = (
            data["unit"].organizer_id if data.get("unit") else getattr(self.person, "organizer_id", None)
        )
        code = data.get("code", "").strip()
        if code and organizer_id is not None:
            taken = Person.objects.filter(organizer_id=organizer_id, code=code)
            if self.person is not None:
                taken = taken.exclude(pk=self.person.pk)
            if taken.exists():
                self.add_error("code", f"Mã «{code}» đã dùng cho một cá nhân khác.")
        if (
            self.person is not None
            and data.get("unit")
            and data["unit"].organizer_id != self.person.organizer_id
        ):
            self.add_error("unit", "Đơn vị mới phải thuộc cùng cơ quan tổ chức với cá nhân.")
        return data


class PersonYearForm(forms.Form):
    year = year_field()
    rating = rating_field()
    titles = titles_field("Danh hiệu, hình thức do đơn vị tặng", award_choices(PERSON, PERSON_TITLES))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for error in person_title_errors(data.get("rating", ""), data.get("titles", [])):
            self.add_error("titles", error)
        return data


class PeopleTitlesForm(forms.Form):
    """One year's ratings and titles for every person of a unit: a row per person, checked row by row."""

    def __init__(self, *args: Any, people: list[Person], current: dict[int, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person in people:
            row = current.get(person.pk)
            rating, titles = rating_field(), titles_field("Danh hiệu", award_choices(PERSON, PERSON_TITLES))
            rating.label = titles.label = person.name
            rating.initial = row.rating if row else ""
            titles.initial = list(row.titles) if row else []
            self.fields[f"rating_{person.pk}"] = rating
            self.fields[f"titles_{person.pk}"] = titles

    def rows(self) -> list[tuple[Person, Any, Any]]:
        return [(p, self[f"rating_{p.pk}"], self[f"titles_{p.pk}"]) for p in self.people]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for person in self.people:
            rating, titles = data.get(f"rating_{person.pk}", ""), data.get(f"titles_{person.pk}", [])
            for error in person_title_errors(rating, titles):
                self.add_error(f"titles_{person.pk}", error)
        return data

    def entries(self) -> list[tuple[Person, str, list[str]]]:
        data = self.cleaned_data
        return [(p, data[f"rating_{p.pk}"], data[f"titles_{p.pk}"]) for p in self.people]


class InitiativeForm(forms.ModelForm):
    year = year_field("Năm công nhận")

    class Meta:
        model = Initiative
        fields = ["code", "title", "level", "year"]
        error_messages = {"code": {"required": "Cần nhập mã sáng kiến."}}

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["level"].choices = [("", "Chưa rõ"), *InitiativeLevel.choices]  # type: ignore[attr-defined]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if Initiative.objects.filter(person=self.person, code=code).exists():
            raise forms.ValidationError(f"Cá nhân đã có sáng kiến mã «{code}».")
        return code


class HoldForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại vụ việc", choices=Hold.Kind.choices, error_messages=_choice_error("Loại vụ việc")
    )
    level = text_field("Mức kỷ luật", max_length=30, required=False)
    start = day_field("Từ ngày")
    end = day_field("Đến ngày", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            self.add_error("end", "Ngày kết thúc không thể trước ngày bắt đầu.")
        return data


class UnitYearForm(forms.Form):
    year = year_field()
    rating = rating_field()
    titles = titles_field("Danh hiệu, hình thức ngoài sổ", award_choices(UNIT, UNIT_TITLES))
    staff = count_field("Số thành viên")
    staff_completed = count_field("Số hoàn thành nhiệm vụ")
    staff_ldtt = count_field("Số cá nhân đạt Lao động tiên tiến")
    staff_cstdcs = count_field("Số cá nhân đạt Chiến sĩ thi đua cơ sở")
    staff_disciplined = count_field("Số bị kỷ luật từ cảnh cáo trở lên")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        staff = data.get("staff")
        if staff is not None:
            for name in ("staff_completed", "staff_ldtt", "staff_cstdcs", "staff_disciplined"):
                value = data.get(name)
                if value is not None and value > staff:
                    self.add_error(
                        name, f"{self.fields[name].label} không thể lớn hơn số thành viên ({staff})."
                    )
        return data

    def staff_titles(self) -> dict[str, int] | None:
        counts = {
            "lao-dong-tien-tien": self.cleaned_data.get("staff_ldtt"),
            "chien-si-thi-dua-co-so": self.cleaned_data.get("staff_cstdcs"),
        }
        found = {code: n for code, n in counts.items() if n is not None}
        return found or None


# ---- a unit's sub-units ----------------------------------------------------------------------------------


class SubUnitForm(forms.Form):
    name = text_field("Tên đơn vị trực thuộc", help_text="Ví dụ: Phòng Tổ chức cán bộ")
    code = text_field("Mã đơn vị trực thuộc", max_length=64, help_text="Ví dụ: STC-TCCB")


class SubUnitTitleForm(forms.Form):
    """A title the unit head grants a sub-unit for a year, by the unit's own decision."""

    sub_unit = forms.ModelChoiceField(
        label="Đơn vị trực thuộc",
        queryset=Unit.objects.none(),
        error_messages=_choice_error("Đơn vị trực thuộc"),
    )
    award = forms.ChoiceField(
        label="Danh hiệu, hình thức",
        choices=award_choices(UNIT, SUB_UNIT_TITLES),
        error_messages=_choice_error("Danh hiệu, hình thức"),
    )
    year = year_field("Năm thành tích")
    number = text_field("Số quyết định", max_length=100)
    date = day_field("Ngày quyết định")
    signer = text_field("Người ký")

    def __init__(self, *args: Any, sub_units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sub_unit"].queryset = sub_units.order_by("name")  # type: ignore[attr-defined]


class CouncilForm(forms.Form):
    """A council sitting: the members typed one per line, "Họ và tên, chức vụ"."""

    organizer = forms.ModelChoiceField(label="Cơ quan tổ chức", queryset=Organizer.objects.none())
    year = forms.IntegerField(label="Năm thi đua", min_value=2000, max_value=2100)
    date = forms.DateField(
        label="Ngày họp", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    present = forms.CharField(
        label="Thành viên có mặt (mỗi dòng: Họ và tên, chức vụ)",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    absent = forms.CharField(
        label="Thành viên vắng mặt, gửi phiếu bằng văn bản (mỗi dòng: Họ và tên, chức vụ)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, organizers: QuerySet[Organizer], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers  # type: ignore[attr-defined]
        if len(organizers) == 1:
            # A province's board has one organizer: no empty choice to stumble on.
            self.fields["organizer"].empty_label = None  # type: ignore[attr-defined]
