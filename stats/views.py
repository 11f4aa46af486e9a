"""The network in numbers: charts drawn on the server, each with its table and CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from directory.spreadsheet import safe_cell

from . import charts
from .numbers import network_numbers


def statistics(request):
    numbers = network_numbers()
    directory_url = reverse("directory:list")
    context = {
        "numbers": numbers,
        "roles": charts.role_rows(numbers, directory_url),
        "provinces": charts.province_rows(numbers, directory_url),
        "categories": charts.category_rows(numbers, directory_url),
        "sizes": charts.size_rows(numbers, directory_url),
        "verified": charts.verified_share(numbers, directory_url),
        "growth": charts.columns(numbers["growth"]["months"], before=numbers["growth"]["before"]),
        "enquiries": charts.columns(numbers["enquiries"]),
        "flow": charts.flow(numbers),
    }
    return render(request, "stats/index.html", context)


def _csv_rows(name, numbers):
    """(header, rows) of one chart's CSV: codes and numbers, the same in both languages."""
    if name == "roles":
        return ["role", "listings"], [(role.code, role.count) for role in numbers["roles"]]
    if name == "provinces":
        return ["province_code", "province", "listings"], numbers["provinces"]
    if name == "categories":
        return ["role", "category", "name", "listings"], [
            (r, s, n, c) for r, s, n, _en, c in numbers["categories"]
        ]
    if name == "sizes":
        unknown = numbers["total"] - sum(count for _code, count in numbers["sizes"])
        return ["size", "listings"], [*numbers["sizes"], ("", unknown)]
    if name == "verified":
        verified = numbers["verified"]
        return ["verified", "listings"], [("yes", verified), ("no", numbers["total"] - verified)]
    if name == "growth":
        growth = charts.columns(numbers["growth"]["months"], before=numbers["growth"]["before"])["columns"]
        return ["month", "new_listings", "total_listings"], [
            (c.month.strftime("%Y-%m"), c.value, c.total) for c in growth
        ]
    if name == "links":
        return ["from_role", "to_role", "confirmed_links"], numbers["links"]
    if name == "enquiries":
        return ["month", "enquiries"], [(month.strftime("%Y-%m"), n) for month, n in numbers["enquiries"]]
    raise Http404


def chart_csv(request, name):
    header, rows = _csv_rows(name, network_numbers())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ifn-{name}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return response
