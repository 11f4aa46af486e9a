"""Bootstrap styling for form fields, for our forms and allauth's alike."""

from django import forms, template

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
    if field.errors and (not hasattr(field.form, "refreshing") or not field.form.refreshing):
        classes.append("is-invalid")
    attrs = {"class": " ".join(c for c in classes if c)}
    if field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_help"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_multiple_checkbox(field):
    return isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
