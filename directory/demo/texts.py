"""Descriptions of demo firms, in Bahasa Indonesia and (for most) English,
saying what they make, at what scale and for whom. Each ends by saying it
is demo data."""

DEMO_ID = "Data demo: perusahaan fiktif, bukan usaha sungguhan."
DEMO_EN = "Demo data: a fictitious company, not a real business."

OPENINGS = {
    "material": (
        "{name} memasok {what} untuk industri alas kaki dari {place}.",
        "{name} supplies {what_en} to footwear makers from {place}.",
    ),
    "supplier": (
        "{name} menyediakan {what} bagi produsen sepatu dan sandal di {place} dan sekitarnya.",
        "{name} provides {what_en} to shoe and sandal makers in and around {place}.",
    ),
    "producer": (
        "{name} memproduksi {what} di {place}.",
        "{name} makes {what_en} in {place}.",
    ),
    "brand": (
        "{name} adalah merek alas kaki lokal dari {place} yang menjual {what}.",
        "{name} is a local footwear brand from {place} selling {what_en}.",
    ),
    "organisation": (
        "{name} mendukung pelaku industri alas kaki di {place} melalui {what}.",
        "{name} supports the footwear industry in {place} through {what_en}.",
    ),
}
SCALE = {
    "micro": (
        "Usaha rumahan dengan beberapa perajin; cocok untuk pesanan kecil dan contoh produk.",
        "A home workshop with a few craftspeople, suited to small orders and samples.",
    ),
    "small": (
        "Bengkel kecil dengan tim jahit dan finishing sendiri.",
        "A small workshop with its own stitching and finishing team.",
    ),
    "medium": (
        "Pabrik menengah dengan lini produksi dan kontrol mutu.",
        "A mid-sized factory with production lines and quality control.",
    ),
    "large": (
        "Pabrik besar dengan beberapa lini produksi, melayani pesanan dalam negeri dan ekspor.",
        "A large factory with several production lines, serving domestic and export orders.",
    ),
}
SERVICES = (
    "Menerima pesanan {services}.",
    "Takes {services_en} orders.",
)
EXPORTS = (
    "Berpengalaman ekspor ke {markets}.",
    "Exports to {markets_en}.",
)


def _lower_first(word):
    """ "Sepatu anak" → "sepatu anak", but "EVA" and "OEM" stay as they are."""
    return word[:1].lower() + word[1:] if word[1:2].islower() else word


def _join(words, conjunction, long_conjunction):
    """ "a dan b"; "a, serta b" when a name holds the conjunction itself."""
    words = [_lower_first(str(word)) for word in words]
    if len(words) <= 1:
        return "".join(words)
    if any(f" {conjunction} " in word for word in words):
        return f"{', '.join(words[:-1])}, {long_conjunction} {words[-1]}"
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def describe(*, name, role, categories, size, services, markets, markets_en, place):
    """(description in Indonesian, in English) of a demo firm."""
    opening_id, opening_en = OPENINGS[role]
    parts_id = [
        opening_id.format(name=name, what=_join([c.name for c in categories], "dan", "serta"), place=place)
    ]
    parts_en = [
        opening_en.format(
            name=name, what_en=_join([c.name_en for c in categories], "and", "as well as"), place=place
        )
    ]
    if role not in ("organisation", "brand") and size in SCALE:
        parts_id.append(SCALE[size][0])
        parts_en.append(SCALE[size][1])
    if services:
        parts_id.append(
            SERVICES[0].format(services=_join([s.name.split(" (")[0] for s in services], "dan", "serta"))
        )
        parts_en.append(
            SERVICES[1].format(
                services_en=_join([s.name_en.split(" (")[0] for s in services], "and", "as well as")
            )
        )
    if markets:
        parts_id.append(EXPORTS[0].format(markets=", ".join(markets)))
        parts_en.append(EXPORTS[1].format(markets_en=", ".join(markets_en)))
    parts_id.append(DEMO_ID)
    parts_en.append(DEMO_EN)
    return " ".join(parts_id), " ".join(parts_en)
