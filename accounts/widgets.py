"""Form widgets of the company dashboard."""

from django import forms


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """A long list of choices (countries) as checkboxes in a scrolling box,
    which static/js/country-picker.js turns into a searchable picker: no
    Ctrl-click, and without JavaScript still a plain list of checkboxes."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)
