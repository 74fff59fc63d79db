"""Forms for the borrower's profile, KYC and privacy pages. Like portal.forms.accounts they check
shape only (a date, a number, a file chosen); the rules live in the services
(accounts.services.profile / kyc / privacy), whose refusals the views put back on the form
with portal.forms.accounts.add_refusal."""

from django import forms

from accounts.models import ConsentPurpose, EmploymentType, KycDocType
from accounts.selectors import mask_pan, mask_phone
from loans.forms import AmountField
from portal.forms.accounts import _Form

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class ProfileForm(_Form):
    """PAN and phone are never sent back to the browser: once saved, the page shows them
    masked and the input is a "change" field that keeps the saved value when left blank."""

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As it appears on your PAN card.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name."},
    )
    phone = forms.CharField(
        label="Mobile number",
        required=False,
        max_length=20,
        help_text="A 10-digit Indian mobile number.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example 17/05/1990.",
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter your date of birth as DD/MM/YYYY, like 17/05/1990."},
    )
    pan = forms.CharField(
        label="PAN",
        required=False,
        max_length=20,
        help_text="10 characters, like ABCDE1234F.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    address = forms.CharField(
        label="Address",
        required=False,
        max_length=1000,
        help_text="Where you live now, with the PIN code.",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        error_messages={"max_length": "Keep the address to 1,000 characters."},
    )
    employment_type = forms.ChoiceField(
        label="Employment",
        required=False,
        choices=[("", "Choose one"), *EmploymentType.choices],
        error_messages={"invalid_choice": "Choose one of the options in the list."},
    )
    employer = forms.CharField(
        label="Employer or business name",
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"max_length": "Keep the name to 150 characters."},
    )
    monthly_income = AmountField(
        label="Monthly income (₹)",
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text="Take-home pay each month, for example 85,000.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "invalid": "Enter the amount in rupees, like 85000 or 85,000.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
            "max_decimal_places": "Use at most 2 decimal places (paise).",
        },
    )

    KEEP_IF_BLANK = ("phone", "pan")

    def __init__(self, *args, profile=None, **kwargs):
        self.profile = profile
        if profile is not None:
            kwargs.setdefault(
                "initial",
                {
                    name: getattr(profile, name)
                    for name in (
                        "full_name",
                        "date_of_birth",
                        "address",
                        "employment_type",
                        "employer",
                        "monthly_income",
                    )
                },
            )
        super().__init__(*args, **kwargs)
        self.saved = {
            "phone": mask_phone(profile.phone) if profile else "",
            "pan": mask_pan(profile.pan) if profile else "",
        }
        if self.saved["phone"]:
            self.fields["phone"].label = "New mobile number"
            self.fields[
                "phone"
            ].help_text = f"Saved: {self.saved['phone']}. Leave this blank to keep it."
        if self.saved["pan"]:
            self.fields["pan"].label = "New PAN"
            self.fields[
                "pan"
            ].help_text = f"Saved: {self.saved['pan']}. Leave this blank to keep it."

    def service_fields(self) -> dict:
        """The values for borrower_profile_create / _update: a blank change field keeps
        what is saved, so it is not sent at all."""
        data = dict(self.cleaned_data)
        for name in self.KEEP_IF_BLANK:
            if not (data.get(name) or "").strip():
                data.pop(name, None)
        return data


class KycUploadForm(_Form):
    doc_type = forms.ChoiceField(
        label="Document type",
        choices=[("", "Choose one"), *KycDocType.choices],
        error_messages={
            "required": "Choose which document this is.",
            "invalid_choice": "Choose one of the document types in the list.",
        },
    )
    # Empty files and the size and type limits are the service's to refuse (one rule).
    file = forms.FileField(
        label="File",
        allow_empty_file=True,
        help_text="A PDF, JPEG or PNG, up to 5 MB. A clear photo of the whole document works.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
        error_messages={
            "required": "Choose a file to upload.",
            "invalid": "That was not a file. Choose the file again.",
            "missing": "Choose a file to upload.",
        },
    )

    def __init__(self, *args, max_bytes: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if max_bytes:
            megabytes = max_bytes / (1024 * 1024)
            self.fields["file"].help_text = (
                f"A PDF, JPEG or PNG, up to {megabytes:g} MB. "
                "A clear photo of the whole document works."
            )


class ConsentForm(_Form):
    purpose = forms.ChoiceField(
        choices=ConsentPurpose.choices,
        error_messages={"invalid_choice": "That is not one of the purposes we ask about."},
    )
    granted = forms.TypedChoiceField(
        choices=[("yes", "On"), ("no", "Off")],
        coerce=lambda value: value == "yes",
        error_messages={"invalid_choice": "Choose on or off."},
    )


class ErasureRequestForm(_Form):
    confirm = forms.BooleanField(
        label="I understand that my account will be closed and my personal details erased.",
        error_messages={"required": "Tick the box to confirm that you want this."},
    )
