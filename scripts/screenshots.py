#!/usr/bin/env python
"""Take the README's screenshots (docs/screenshots/) of a running portal with
the demo data, at 1280 and 360 px wide.

    make run                                   # in another terminal
    python scripts/screenshots.py              # or: python scripts/screenshots.py http://127.0.0.1:8000

Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium) and Playwright from
requirements-dev.txt. The dashboard is shot as the demo company account.
"""

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 360}
# A tall page is cut here: the top is what a visitor sees first.
MAX_HEIGHT = {"desktop": 2200, "phone": 3200}
COMPANY = ("company@ifn.example", "ifn-demo-company-2020")


def shoot(page, url, path, device, whole=True):
    """The page from its top, to MAX_HEIGHT; only the screen when not `whole`
    (a form's save bar sticks to the screen's bottom)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if whole:
        height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT[device])
        clip = {"x": 0, "y": 0, "width": WIDTHS[device], "height": height}
        page.screenshot(path=str(path), full_page=True, clip=clip)
    else:
        page.screenshot(path=str(path))
    print(f"  {path.relative_to(OUT.parent.parent)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for device, width in WIDTHS.items():
            context = browser.new_context(
                base_url=args.base,
                viewport={"width": width, "height": 900 if device == "desktop" else 780},
                device_scale_factor=1,
                is_mobile=device == "phone",
                has_touch=device == "phone",
                locale="id-ID",
            )
            page = context.new_page()
            page.goto("/directory/?role=producer&sort=verified")
            detail = page.locator("[data-testid=results] .card-title a").first.get_attribute("href")
            shoot(page, "/", OUT / f"home-{width}.png", device)
            shoot(page, "/directory/?role=producer", OUT / f"directory-{width}.png", device)
            shoot(page, detail, OUT / f"detail-{width}.png", device)
            page.goto("/accounts/login/")
            page.fill("main [name=login]", COMPANY[0])
            page.fill("main [name=password]", COMPANY[1])
            page.locator("main form button[type=submit]").click()
            page.wait_for_url(re.compile(r"/dashboard/$"))
            shoot(page, "/dashboard/", OUT / f"dashboard-{width}.png", device)
            edit = page.locator("[data-testid=listing-row] a.fw-semibold").first.get_attribute("href")
            shoot(page, edit, OUT / f"dashboard-form-{width}.png", device, whole=False)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
