"""The console pages' filters: plain Django forms, so bad input is a form error in plain
words (never a 500) and an empty form means "everything, latest"."""

from django import forms

from console.selectors.portfolio import products


class ProductChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} — {obj.name}"


class DashboardFilter(forms.Form):
    as_of = forms.DateField(
        label="As of", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    product = ProductChoice(queryset=products(), required=False, empty_label="All products")


class ReportFilter(forms.Form):
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    product = ProductChoice(queryset=products(), required=False, empty_label="All products")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("The From date is after the To date.")
        return data
