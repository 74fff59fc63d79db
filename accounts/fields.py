from datetime import date

from django.db import models

from accounts import crypto


class EncryptedTextField(models.TextField):
    """Stores Fernet ciphertext; Python sees the plaintext. Not filterable by value:
    look up through a keyed-hash column instead."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))


class EncryptedDateField(EncryptedTextField):
    def from_db_value(self, value, expression, connection):
        plain = super().from_db_value(value, expression, connection)
        return date.fromisoformat(plain) if plain else None

    def to_python(self, value):
        if value is None or value == "" or isinstance(value, date):
            return value or None
        return date.fromisoformat(str(value))

    def get_prep_value(self, value):
        if isinstance(value, date):
            value = value.isoformat()
        return super().get_prep_value(value)

    def formfield(self, **kwargs):
        from django import forms

        return models.Field.formfield(self, form_class=forms.DateField, **kwargs)
