"""Fill the English catalogue: the source strings are English already.

Run by `make messages` after makemessages; an English entry's translation is
its msgid, so the catalogue is complete and nothing is marked fuzzy.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for name in ("django.po", "djangojs.po"):
    path = ROOT / "locale" / "en" / "LC_MESSAGES" / name
    if not path.exists():
        continue
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.save()
    print(f"{path.relative_to(ROOT)}: {len(catalogue)} entries")
