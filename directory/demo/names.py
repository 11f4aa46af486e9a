"""Names an Indonesian reader would believe for demo companies: the legal
form where the firm has one, words of the trade for what it makes, and the
kind of proper names small firms take (an owner's name, a hopeful word, the
place)."""

# Words firms put in their names, each a separate word.
HOPEFUL = [
    "Maju", "Jaya", "Karya", "Sentosa", "Abadi", "Mandiri", "Sejahtera", "Makmur", "Rejeki",
    "Mulia", "Harapan", "Prima", "Sinar", "Berkah", "Lestari", "Utama", "Gemilang", "Perkasa",
    "Setia", "Anugerah", "Mitra", "Kencana", "Sakti", "Tunas", "Barokah", "Sumber", "Cahaya",
]  # fmt: skip
OWNERS = [
    "Darmo", "Slamet", "Haji Rahmat", "Bu Siti", "Wahyudi", "Suparman", "Hartono", "Yanti",
    "Agus", "Heru", "Sugeng", "Nur", "Rudi", "Endang", "Bambang", "Dewi", "Joko", "Asep",
    "Ujang", "Dadang", "Cecep", "Eti", "Tatang", "Made", "Ketut", "Andi", "Daeng",
]  # fmt: skip
# Invented brand names: one or two real words, the way Indonesian brands sound.
BRANDS = [
    "Kalacitra", "Naraya", "Saptaloka", "Arunika", "Bumi Langkah", "Tapak Nusa", "Jejak Kaki",
    "Rangkai", "Sawangan", "Langkah Kecil", "Pijak", "Kaki Lima Co", "Ruang Jalan", "Tjap Kaki",
    "Nusa Sole", "Jalan Pulang", "Semeru Boots", "Ombak", "Lintang", "Kawi", "Sandyakala",
    "Bara", "Seroja", "Tanah Air", "Sepasang", "Laras", "Gempita", "Bentala",
]  # fmt: skip

# What a firm is called by what it makes: (main category slug) → patterns.
# {h}: a hopeful word, {o}: an owner's name, {p}: the place.
MAKER_PATTERNS = {
    "material": {
        "leather": ["Penyamakan Kulit {h} {p}", "Kulit Samak {h} {h2}", "Tannery {h} {h2}"],
        "rubber": ["Karet {h} {h2}", "Kompon Karet {h}"],
        "synthetic-leather": ["Kulit Sintetis {h} {h2}", "Bahan Sintetis {h}"],
        "textile": ["Tekstil {h} {h2}", "Kanvas {h} {p}"],
        "foam-eva": ["Busa EVA {h} {h2}", "Spon dan EVA {h}"],
    },
    "supplier": {
        "outsoles": ["Sol Karet {h} {h2}", "Sol Sepatu {o}"],
        "lasts": ["Acuan Sepatu {o}", "Last Kayu {h} {p}"],
        "insoles": ["Sol Dalam {h} {h2}", "Insole {h} {p}"],
        "adhesives": ["Lem Sepatu {h} {h2}", "Kimia Sepatu {h}"],
        "accessories": ["Aksesori Sepatu {h} {h2}", "Toko Gesper dan Tali {o}"],
        "machinery": ["Mesin Jahit Sepatu {h}", "Teknik Mesin {h} {h2}"],
        "moulds": ["Cetakan Sol {h} {h2}", "Bengkel Cetakan {o}"],
        "packaging": ["Kotak Sepatu {h} {h2}", "Kemasan {h} {p}"],
    },
    "producer": {
        "formal-leather": ["Sepatu Kulit {o}", "Sepatu Kulit {h} {h2}", "{h} {h2} Shoes"],
        "casual": ["Sepatu {h} {h2}", "{h} {h2} Footwear"],
        "sport": ["Sepatu Olahraga {h}", "{h} Sport Footwear"],
        "sandals-slippers": ["Sandal {h} {h2}", "Sandal Kulit {o}"],
        "safety": ["Sepatu Safety {h} {h2}", "Sepatu Kerja {h}"],
        "boots": ["Boots {h} {p}", "Sepatu Bot {h} {h2}"],
        "children": ["Sepatu Anak {h} {h2}", "Sepatu Anak {o}"],
        "school": ["Sepatu Sekolah {h} {h2}", "Sepatu Sekolah {o}"],
        "traditional": ["Selop {h} {p}", "Alas Kaki Tradisional {o}"],
    },
}
# Organisations are named by what they are: an association, a cooperative…
ORGANISATION_PATTERNS = {
    "association": ["Asosiasi Pengrajin Sepatu {p}", "Paguyuban Perajin Tas dan Sepatu {p}",
                    "Forum IKM Alas Kaki {p}", "Himpunan Pengusaha Alas Kaki {p}"],
    "koperasi": ["Koperasi Industri Alas Kaki {p}", "Koperasi Perajin Sepatu {h} {p}",
                 "Koperasi Simpan Pinjam Perajin {p}"],
    "yayasan": ["Yayasan Pendidikan Teknik Sepatu {p}", "Yayasan LPK Sepatu {h} {p}"],
    "government": ["UPT Pengembangan Industri Alas Kaki {p}", "UPT Laboratorium Uji Alas Kaki {p}"],
}  # fmt: skip
LEGAL_PREFIX = {"pt": "PT ", "cv": "CV ", "ud": "UD "}


def place_word(regency_name):
    """ "Kabupaten Sidoarjo" → "Sidoarjo"."""
    for prefix in ("Kota Administrasi ", "Kabupaten ", "Kota "):
        if regency_name.startswith(prefix):
            return regency_name[len(prefix) :]
    return regency_name


def make_name(rng, *, role, main_category, legal_form, regency_name, district_name, seen):
    """A new name for the firm, never one already in `seen` (which it joins).

    Organisations are named after their town; when that name is taken, after
    their district (kecamatan) instead.
    """
    place = place_word(regency_name)
    for attempt in range(200):
        if attempt == 20:
            place = district_name
        if role == "brand":
            name = rng.choice(BRANDS)
            if name in seen:
                name = f"{name} {rng.choice(['Footwear', 'Shoes', 'Indonesia', place])}"
        else:
            if role == "organisation":
                patterns = ORGANISATION_PATTERNS[legal_form]
            else:
                patterns = MAKER_PATTERNS[role][main_category]
            h, h2 = rng.sample(HOPEFUL, 2)
            name = rng.choice(patterns).format(h=h, h2=h2, o=rng.choice(OWNERS), p=place)
            if role != "organisation":
                name = LEGAL_PREFIX.get(legal_form, "") + name
        if name not in seen:
            seen.add(name)
            return name
    raise RuntimeError("Ran out of demo names; widen the word lists.")
