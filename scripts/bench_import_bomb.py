"""What a small hostile XLSX costs the import: file size, unpacked size, time and peak memory.

    DEBUG=true .venv/bin/python scripts/bench_import_bomb.py [UNPACKED_MB]

Builds an XLSX whose sheet holds one row of thousands of long, identical
cells (tiny once zipped), then reads it as the admin import does, in a child
process capped at 2 GB of address space: once with the zip checks of
moderation/uploads.py, once without them. Prints one line per run.
"""

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ifn.settings")

CAP_BYTES = 2 * 1024**3
BOMB = Path("/tmp") / f"ifn-bomb-{os.getpid()}.xlsx"


def build(unpacked_mb):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name", "roles", "province", "regency"])
    seed = io.BytesIO()
    workbook.save(seed)
    cell = '<c t="inlineStr"><is><t>' + "a" * 1000 + "</t></is></c>"
    cells = unpacked_mb * 1024 * 1024 // len(cell)
    with zipfile.ZipFile(seed) as source, zipfile.ZipFile(BOMB, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item, source.read(item))
                continue
            with out.open(item.filename, "w") as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                sheet.write(b'<sheetData><row r="1">')
                for column in ["name", "roles", "province", "regency"]:
                    sheet.write(f'<c t="inlineStr"><is><t>{column}</t></is></c>'.encode())
                sheet.write(b'</row><row r="2">')
                for _ in range(cells):
                    sheet.write(cell.encode())
                sheet.write(b"</row></sheetData></worksheet>")


def child(guard):
    resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))
    import django

    django.setup()
    from moderation import transfer

    if not guard:
        transfer.check_xlsx = lambda file: None
    started = time.perf_counter()
    try:
        with BOMB.open("rb") as file:
            transfer.read_rows(file, "bomb.xlsx")
        outcome = "read"
    except transfer.FileError as error:
        outcome = f"refused: {str(error.message)[:60]}…"
    except MemoryError:
        outcome = f"ran out of the {CAP_BYTES // 1024**3} GB cap"
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{'with' if guard else 'without'} zip checks: {elapsed:.2f} s, peak memory {peak:.0f} MB, {outcome}"
    )


def main():
    global BOMB
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        BOMB = Path(sys.argv[3])
        child(sys.argv[2] == "guard")
        return
    unpacked_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    build(unpacked_mb)
    try:
        with zipfile.ZipFile(BOMB) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
        print(f"file {BOMB.stat().st_size / 1024:.0f} KB, unpacks to {unpacked / 1024**2:.0f} MB")
        for mode in ["guard", "none"]:
            subprocess.run([sys.executable, __file__, "--child", mode, str(BOMB)], check=False)
    finally:
        BOMB.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
