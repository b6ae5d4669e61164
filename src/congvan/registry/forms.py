from __future__ import annotations

from django import forms

from congvan.registry.search import Filters

REGISTER_CHOICES = [("", "Tất cả"), ("incoming", "Văn bản đến"), ("outgoing", "Văn bản đi")]


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khóa", required=False, max_length=500)
    kind = forms.ChoiceField(label="Loại văn bản", required=False, choices=[])
    issuer = forms.CharField(label="Cơ quan ban hành", required=False, max_length=200)
    year = forms.IntegerField(label="Năm", required=False, min_value=1900, max_value=2200)
    date_from = forms.DateField(
        label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    register = forms.ChoiceField(label="Sổ", required=False, choices=REGISTER_CHOICES)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, kinds: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Tất cả"), *[(k, k) for k in kinds]]

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return Filters(
            kind=data.get("kind") or None,
            issuer=data.get("issuer") or None,
            year=data.get("year"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            register=data.get("register") or None,
        )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label="Tệp văn bản (txt, docx, pdf)")
    register = forms.ChoiceField(
        label="Vào sổ",
        required=False,
        choices=[
            ("", "Không vào sổ"),
            ("incoming", "Sổ văn bản đến"),
            ("outgoing", "Sổ văn bản đi"),
        ],
        initial="incoming",
    )
    date = forms.DateField(
        label="Ngày đến",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Để trống: hôm nay.",
    )
