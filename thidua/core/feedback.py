"""Telling the user why an action was refused: every message of a ValidationError, one per line."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def show_refusal(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def add_refusal(form: forms.Form, error: ValidationError) -> None:
    """An action's refusal on the form: under the field it names when the form has that field, above the
    form otherwise (an action may name a field this form does not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
