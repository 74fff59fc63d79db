"""The auto-debit bounces of a case's loan, on the collector's case page (registered with
collection's case-panel hook; collection cannot import this app)."""

from django.utils.html import format_html, format_html_join

from collection.admin.cases import case_panel
from mandates.models import Presentation, PresentationStatus


@case_panel("Auto-debit bounces")
def bounces(case) -> str:
    rows = list(
        Presentation.objects.filter(
            loan_id=case.loan_id, status=PresentationStatus.BOUNCED
        ).order_by("-result_on")[:10]
    )
    if not rows:
        return "None"
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} — installment due {}, attempt {}: code {}</li>",
            ((p.result_on, p.due_date, p.attempt, p.reason_code) for p in rows),
        ),
    )
