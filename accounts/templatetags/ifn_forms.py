"""Bootstrap styling for form fields, for our forms and allauth's alike."""

from django import forms, template

from accounts.widgets import SearchableCheckboxes

register = template.Library()


def widget_class(field):
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return ""
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


@register.filter
def bootstrap(field):
    """Render a bound field's widget with Bootstrap's classes (and is-invalid on error)."""
    classes = [widget_class(field), field.field.widget.attrs.get("class", "")]
    showing_errors = field.errors and not getattr(field.form, "refreshing", False)
    if showing_errors:
        classes.append("is-invalid")
    attrs = {"class": " ".join(c for c in classes if c)}
    # Ids that partials/field.html renders: the help text, then the first error.
    described = [f"{field.auto_id}_help"] if field.help_text else []
    if showing_errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


@register.filter
def is_searchable(field):
    return isinstance(field.field.widget, SearchableCheckboxes)


@register.filter
def needed_for_review(field):
    """Whether the field's form marks it as needed before review (ListingForm)."""
    ask = getattr(field.form, "needed_for_review", None)
    return bool(ask and ask(field.name))


@register.filter
def choice_groups(field):
    """The field's checkboxes under headings, when its form groups them (ListingForm)."""
    ask = getattr(field.form, "choice_groups", None)
    return ask(field.name) if ask else None


@register.filter
def anchor(field):
    """The id of the element an error summary links to for this field: the
    first box of a list of checkboxes, else the field itself."""
    if isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id
