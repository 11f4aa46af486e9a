"""The one escaping policy of the portal's CSV downloads."""


def safe_cell(value):
    """The cell's text; one that a spreadsheet would run as a formula is kept as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
