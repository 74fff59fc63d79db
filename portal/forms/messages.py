from django import forms

from messaging.services.messages import MESSAGE_MAX_CHARS
from messaging.services.moderation import REASON_MAX


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        required=False,
        max_length=MESSAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    file = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text="PDF, JPEG or PNG, the same limits as KYC documents.",
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What is wrong with this message? (optional)",
        required=False,
        max_length=REASON_MAX,
    )
