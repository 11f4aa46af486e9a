"""Reading a listing's history: which fields changed between two versions."""

from datetime import UTC, datetime

from directory.models import Listing


def listing_token(listing):
    """The concurrency token a form carries: when the listing was last saved."""
    return listing.updated_at.astimezone(UTC).isoformat()


def _parse_token(token):
    try:
        return datetime.fromisoformat(token)
    except (TypeError, ValueError):
        return None


def _as_text(field, value):
    if value is None or value == "" or value == []:
        return "—"
    if field.many_to_many:
        labels = []
        for row in value:
            labels += [str(obj) for key, obj in row.items() if key != "listing"]
        return ", ".join(sorted(labels)) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def describe_changes(old_record, new_record):
    """[(field label, old text, new text)] between two historical records."""
    if old_record is None or new_record is None:
        return []
    delta = new_record.diff_against(old_record, foreign_keys_are_objs=True, excluded_fields=["updated_at"])
    rows = []
    for change in delta.changes:
        field = Listing._meta.get_field(change.field)
        rows.append((field.verbose_name, _as_text(field, change.old), _as_text(field, change.new)))
    return rows


def changes_since(listing, token):
    """What others changed in the listing since the version the token names.

    Returns [] when that version is not in the history (it predates history
    keeping); the caller still refuses the save.
    """
    when = _parse_token(token)
    if when is None:
        return []
    old = listing.history.filter(updated_at=when).order_by("-history_date").first()
    new = listing.history.order_by("-history_date").first()
    if old is None or old == new:
        return []
    return describe_changes(old, new)
