"""The chair's, tellers' and council's forms; the delegate's ballot is read in views.ballot_choices."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from thidua.emulation.leadership import MAX_DEPUTIES
from thidua.emulation.models import Meeting, Method
from thidua.organisations.models import Unit

DECIDED_BY = [
    ("vote", "Bỏ phiếu"),
    ("acclamation", "Suy tôn, thống nhất tại hội nghị"),
    ("decision", "Quyết định của cơ quan tổ chức"),
]


class RulesForm(forms.Form):
    method = forms.ChoiceField(label="Hình thức bình xét", choices=Method.choices)
    mode = forms.ChoiceField(label="Cách bỏ phiếu", choices=Meeting.Mode.choices)
    quorum_share = forms.DecimalField(
        label="Tỷ lệ đơn vị dự họp tối thiểu (0–1)",
        min_value=Decimal(0),
        max_value=Decimal(1),
        decimal_places=3,
    )
    quorum_strict = forms.BooleanField(label="Phải vượt quá tỷ lệ này (quá bán)", required=False)
    self_vote_allowed = forms.BooleanField(label="Được bầu cho chính đơn vị mình", required=False)


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label="Đơn vị có đại biểu dự họp",
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, members: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in members])  # type: ignore[attr-defined]
        field.label_from_instance = lambda unit: unit.display_name  # type: ignore[attr-defined]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Lý do mở lại", max_length=500, error_messages={"required": "Cần ghi lý do mở lại."}
    )


class NextLeadershipForm(forms.Form):
    head = forms.ModelChoiceField(label="Cụm trưởng năm sau", queryset=Unit.objects.none(), required=False)
    deputies = forms.ModelMultipleChoiceField(
        label="Cụm phó năm sau",
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    decided_by = forms.ChoiceField(label="Cách quyết định", choices=DECIDED_BY)
    decision = forms.CharField(label="Số quyết định (nếu có)", max_length=200, required=False)

    def __init__(self, *args, members: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("head", "deputies"):
            field = self.fields[name]
            field.queryset = Unit.objects.filter(pk__in=[u.pk for u in members])  # type: ignore[attr-defined]
            field.label_from_instance = lambda unit: unit.display_name  # type: ignore[attr-defined]

    def clean(self) -> dict:
        # The same rules set_leadership applies to this year: next year's page is filled from these.
        data = super().clean() or {}
        head, deputies = data.get("head"), list(data.get("deputies") or [])
        if head is not None and head in deputies:
            raise forms.ValidationError(f"{head.display_name} không thể vừa là cụm trưởng vừa là cụm phó.")
        if len(deputies) > MAX_DEPUTIES:
            raise forms.ValidationError(f"Tối đa hai cụm phó; đã chọn {len(deputies)}.")
        return data

    def decided_by_text(self) -> str:
        """As FORMAT.md writes it: the keyword, then the decision's number if given."""
        words = self.cleaned_data["decided_by"]
        decision = self.cleaned_data.get("decision", "").strip()
        return f"{words} {decision}" if decision else words
