#!/usr/bin/env python
"""Measure a page's first load: its HTML plus the CSS and JS it links, gzip-compressed.

    python scripts/page_weight.py                       # http://127.0.0.1:8000/directory/
    python scripts/page_weight.py https://ifn.example/directory/?role=producer

Prints each resource and the total, and exits with status 1 above the budget
(150 KB, the directory's target for a phone on a slow connection). Resources
loaded later on demand (Leaflet for the map) are not part of the first load.
"""

import argparse
import gzip
import sys
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

BUDGET_BYTES = 150 * 1000


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])


def gzipped_size(content):
    return len(gzip.compress(content, compresslevel=9))


def measure(url, fetch):
    """[(url, raw bytes, gzipped bytes)] for the page at `url` and its CSS and JS.

    `fetch(url) -> bytes` does the downloading, so tests can measure in-process.
    """
    html = fetch(url)
    parser = AssetParser()
    parser.feed(html.decode("utf-8", "replace"))
    rows = [(url, len(html), gzipped_size(html))]
    for asset in dict.fromkeys(parser.assets):
        content = fetch(urljoin(url, asset))
        rows.append((asset, len(content), gzipped_size(content)))
    return rows


def fetch_http(url):
    request = urllib.request.Request(url, headers={"User-Agent": "ifn-page-weight"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def report(rows, out=sys.stdout):
    total = sum(row[2] for row in rows)
    for name, raw, zipped in rows:
        print(f"{zipped / 1000:8.1f} KB gzip  {raw / 1000:8.1f} KB raw  {name}", file=out)
    print(f"{total / 1000:8.1f} KB gzip in total (budget {BUDGET_BYTES / 1000:.0f} KB)", file=out)
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000/directory/")
    args = parser.parse_args(argv)
    total = report(measure(args.url, fetch_http))
    return 0 if total <= BUDGET_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
