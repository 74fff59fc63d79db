"""What every app's officer console shares: the read-only bases (`ReadOnlyAdmin`,
`ReadOnlyInline`) for records that only services write, and the intermediate form pages.

An admin action that needs a few words first (a reason, a note, a date and reference, a
collector) shows a small form, validates it, calls the domain service, and either goes back
to the change list with the outcome in messages or shows the form again with the refusal.
`ActionFormMixin.action_form_page` is that flow; `apply_each` runs a service over every
selected row and turns each `DomainError` refusal into a message in the service's own words.
The page is `admin/lendingsite/action_form.html`, which each action's template extends with
its intro (what is about to happen, to which rows) and its button label.
"""

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.template.response import TemplateResponse

from lendingsite.errors import DomainError


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record that only services write (journal, payments, runs, logs): viewable, never
    added, changed or deleted in the console, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    max_num = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def refusal_above_form(form: forms.Form, exc: DomainError) -> None:
    """The default place for a refusal: above the form, in the service's words."""
    form.add_error(None, exc.detail)


def form_page(modeladmin, request, template: str, *, title: str, form, **context):
    """A console page showing `form` in the model's section (breadcrumbs, site header)."""
    return TemplateResponse(
        request,
        template,
        {
            **modeladmin.admin_site.each_context(request),
            "title": title,
            "opts": modeladmin.model._meta,
            "form": form,
            **context,
        },
    )


class ActionFormMixin:
    """For a ModelAdmin whose actions ask for a form first, or run a service per row."""

    # What apply_each counts ("Rejected 2 documents.") and how it words a refusal.
    action_noun = "row"

    def action_refusal(self, obj, exc: DomainError) -> str:
        return exc.detail

    def action_form_page(
        self,
        request,
        *,
        action: str,
        form_class: type[forms.Form],
        apply: Callable[[dict], object],
        template: str,
        title: str,
        objects: Iterable,
        initial: dict | None = None,
        refused: Callable[[forms.Form, DomainError], None] = refusal_above_form,
        **context,
    ):
        """Show the form for `objects` (the selected rows, posted back as hidden fields);
        once it is valid call `apply(cleaned_data)`, which reports its own success. A
        `DomainError` from it is placed on the form by `refused` and the page shown again.
        Returns None (back to the change list) when `apply` went through."""
        posted = "apply" in request.POST
        form = form_class(request.POST if posted else None, initial=initial)
        if posted and form.is_valid():
            try:
                apply(form.cleaned_data)
            except DomainError as exc:
                refused(form, exc)
            else:
                return None
        return form_page(
            self,
            request,
            template,
            title=title,
            form=form,
            action=action,
            objects=objects,
            action_checkbox_name=helpers.ACTION_CHECKBOX_NAME,
            **context,
        )

    def action_form_each(self, request, queryset: QuerySet, *, act: Callable, done: str, **page):
        """`action_form_page` for a form that applies to every selected row: once it is
        valid, `act(row, cleaned_data)` runs for each row through `apply_each`. `page` is
        the rest of `action_form_page`'s arguments (action, form_class, template, ...)."""
        return self.action_form_page(
            request,
            apply=lambda data: self.apply_each(
                request, queryset, lambda obj: act(obj, data), done=done
            ),
            **page,
        )

    def apply_each(self, request, queryset: QuerySet, act: Callable, *, done: str) -> None:
        """Call `act(row)` for each selected row, in id order. Each refusal becomes an error
        message (`action_refusal`); the rows that went through are counted in one success
        message, "{done} 3 {action_noun}s."."""
        succeeded = 0
        for obj in queryset.order_by("pk"):
            try:
                act(obj)
                succeeded += 1
            except DomainError as exc:
                self.message_user(request, self.action_refusal(obj, exc), messages.ERROR)
        if succeeded:
            plural = "s" if succeeded != 1 else ""
            self.message_user(
                request, f"{done} {succeeded} {self.action_noun}{plural}.", messages.SUCCESS
            )

    def only_one_selected(self, request, queryset: QuerySet, why: str):
        """The one selected row, or None after telling the user `why` it must be one."""
        rows = list(queryset.order_by("pk")[:2])
        if len(rows) == 1:
            return rows[0]
        self.message_user(request, why, messages.ERROR)
        return None


def is_money_field(field) -> bool:
    """Money columns are DecimalField(max_digits=14, decimal_places=2) (lendingsite.api_fields
    MONEY); rates and percentages use other shapes."""
    from django.db import models

    return (
        isinstance(field, models.DecimalField)
        and field.max_digits == 14
        and field.decimal_places == 2
    )


def install_money_display() -> None:
    """Every money field the console shows (change lists, read-only fields, inlines) goes
    through format_inr: ₹12,34,567.89. Django's admin formats a field's value with
    `display_for_field`, imported by name into its list and helper modules; wrapping it in
    those three places is the one hook that reaches every ModelAdmin without each declaring
    a display method per money column. Idempotent (AppConfig.ready may run twice in tests)."""
    from django.contrib.admin import helpers, utils
    from django.contrib.admin.templatetags import admin_list

    from lendingsite.money import format_inr

    original = utils.display_for_field
    if getattr(original, "lendingsite_money", False):
        return

    def display_for_field(value, field, empty_value_display, avoid_link=False):
        if is_money_field(field) and value not in (None, ""):
            return format_inr(value)
        return original(value, field, empty_value_display, avoid_link)

    display_for_field.lendingsite_money = True
    for module in (utils, helpers, admin_list):
        module.display_for_field = display_for_field


# Words that mark a key of a summary (a loan summary, an audit event's before/after) as money;
# a key naming a rate or percentage is shown as a rate instead.
MONEY_WORDS = (
    "amount", "principal", "interest", "penal", "fee", "fees", "excess", "outstanding",
    "balance", "overdue", "emi", "income", "charge", "paid", "due", "collected", "demand",
    "disbursed", "refund", "credit", "debit", "total", "payable",
)  # fmt: skip
RATE_WORDS = ("rate", "percent", "apr", "ratio")
NOT_MONEY_WORDS = ("date", "_on", "_at", "since", "days", "dpd", "count", "number")


def display_value(key: str, value):
    """One value of a summary as the console shows it: money in Indian notation with two
    decimals, rates without trailing zeros, dates `03 Dec 2026`, times in IST."""
    from datetime import date, datetime
    from decimal import Decimal, InvalidOperation

    from django.utils import timezone

    from lendingsite.money import NOTHING, format_inr, format_rate

    if value is None or value == "":
        return NOTHING
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d %b %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    name = key.lower()
    not_money = name == "id" or name.endswith("_id") or name.endswith("_on") or name == "on"
    if isinstance(value, bool) or not_money or any(word in name for word in NOT_MONEY_WORDS):
        if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
            try:
                return date.fromisoformat(value).strftime("%d %b %Y")
            except ValueError:
                return value
        return value
    if isinstance(value, Decimal | int | float | str):
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return value
        if any(word in name for word in RATE_WORDS):
            return format_rate(number)
        if any(word in name for word in MONEY_WORDS):
            return format_inr(number)
    return value
