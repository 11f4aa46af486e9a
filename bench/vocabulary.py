"""Words and places the synthetic directory is made of.

Names, descriptions and places follow the real Indonesian footwear industry
so that searches, filters and facets meet the same word and value
distributions as on the live portal: most members sit in the big clusters
(Sidoarjo/Tanggulangin, Bandung/Cibaduyut, Mojokerto, Magetan, Garut, Bogor,
Yogyakarta, Tangerang), the rest are spread over the whole country.
"""

# (regency code, weight, district code or None, share of listings in that district)
CLUSTER_REGENCIES = [
    ("35.15", 14, "35.15.06", 0.7),  # Sidoarjo, Tanggulangin
    ("32.73", 12, "32.73.17", 0.6),  # Kota Bandung, Cibaduyut
    ("32.04", 4, None, 0),  # Kabupaten Bandung
    ("35.76", 5, None, 0),  # Kota Mojokerto
    ("35.16", 4, None, 0),  # Kabupaten Mojokerto
    ("35.20", 4, "35.20.06", 0.6),  # Magetan
    ("32.05", 5, "32.05.01", 0.6),  # Garut, Sukaregang
    ("32.01", 7, "32.01.29", 0.5),  # Bogor, Ciomas
    ("34.71", 3, None, 0),  # Kota Yogyakarta
    ("34.02", 3, None, 0),  # Bantul, Manding
    ("36.03", 5, None, 0),  # Tangerang
    ("36.04", 3, None, 0),  # Serang
    ("35.78", 4, None, 0),  # Surabaya
    ("31.73", 2, None, 0),  # Jakarta Barat
    ("31.75", 2, None, 0),  # Jakarta Timur
    ("33.72", 1, None, 0),  # Surakarta
    ("33.74", 1, None, 0),  # Semarang
    ("35.73", 1, None, 0),  # Malang
]
# Weight of "anywhere else": spread evenly over every regency in the country.
ELSEWHERE_WEIGHT = 20

# Rough centres of the clusters (lat, lng, spread in degrees).
REGENCY_CENTRES = {
    "35.15": (-7.47, 112.70, 0.05),
    "32.73": (-6.94, 107.60, 0.03),
    "32.04": (-7.02, 107.55, 0.08),
    "35.76": (-7.47, 112.43, 0.02),
    "35.16": (-7.55, 112.48, 0.06),
    "35.20": (-7.65, 111.34, 0.04),
    "32.05": (-7.21, 107.91, 0.06),
    "32.01": (-6.60, 106.78, 0.06),
    "34.71": (-7.80, 110.37, 0.02),
    "34.02": (-7.89, 110.33, 0.04),
    "36.03": (-6.19, 106.49, 0.05),
    "36.04": (-6.12, 106.15, 0.05),
    "35.78": (-7.27, 112.74, 0.04),
    "31.73": (-6.17, 106.76, 0.02),
    "31.75": (-6.23, 106.90, 0.02),
    "33.72": (-7.57, 110.82, 0.02),
    "33.74": (-7.00, 110.42, 0.03),
    "35.73": (-7.98, 112.63, 0.03),
}
# Points well inside each province (lat, lng, spread in degrees), for listings elsewhere.
PROVINCE_CENTRES = {
    "11": (4.70, 96.75, 0.15),
    "12": (2.35, 99.10, 0.15),
    "13": (-0.74, 100.80, 0.12),
    "14": (0.29, 101.70, 0.15),
    "15": (-1.70, 102.90, 0.15),
    "16": (-3.32, 104.00, 0.15),
    "17": (-3.50, 102.50, 0.06),
    "18": (-4.85, 105.00, 0.12),
    "19": (-2.10, 106.10, 0.06),
    "21": (1.08, 104.03, 0.02),
    "31": (-6.20, 106.83, 0.04),
    "32": (-6.90, 107.60, 0.15),
    "33": (-7.15, 110.14, 0.15),
    "34": (-7.80, 110.37, 0.06),
    "35": (-7.54, 112.24, 0.15),
    "36": (-6.40, 106.10, 0.10),
    "51": (-8.40, 115.19, 0.08),
    "52": (-8.60, 116.30, 0.08),
    "53": (-9.80, 124.30, 0.08),
    "61": (-0.13, 111.10, 0.15),
    "62": (-1.68, 113.38, 0.15),
    "63": (-3.09, 115.28, 0.10),
    "64": (0.54, 116.42, 0.15),
    "65": (3.07, 116.04, 0.10),
    "71": (1.25, 124.85, 0.05),
    "72": (-1.43, 121.45, 0.10),
    "73": (-3.67, 119.97, 0.12),
    "74": (-4.14, 122.17, 0.08),
    "75": (0.70, 122.45, 0.05),
    "76": (-2.84, 119.23, 0.08),
    "81": (-3.10, 129.40, 0.06),
    "82": (0.78, 127.36, 0.02),
    "91": (-2.55, 140.70, 0.04),
    "92": (-0.90, 134.00, 0.04),
    "93": (-7.80, 139.80, 0.10),
    "94": (-3.80, 136.80, 0.10),
    "95": (-4.10, 138.94, 0.08),
    "96": (-0.88, 131.26, 0.02),
}

# Chain roles: (code, weight of being the main role).
ROLE_WEIGHTS = [("producer", 50), ("brand", 18), ("supplier", 15), ("material", 12), ("organisation", 5)]
# A second role often held beside the main one.
SECOND_ROLE = {
    "producer": "brand",
    "brand": "producer",
    "supplier": "material",
    "material": "supplier",
    "organisation": "organisation",
}
SECOND_ROLE_SHARE = 0.18

LEGAL_FORMS = {
    "producer": [("pt", 20), ("cv", 30), ("ud", 25), ("perorangan", 20), ("koperasi", 5)],
    "brand": [("pt", 35), ("cv", 40), ("ud", 15), ("perorangan", 10)],
    "supplier": [("pt", 30), ("cv", 35), ("ud", 30), ("perorangan", 5)],
    "material": [("pt", 45), ("cv", 30), ("ud", 20), ("koperasi", 5)],
    "organisation": [("association", 40), ("government", 25), ("yayasan", 15), ("koperasi", 20)],
}
LEGAL_PREFIX = {"pt": "PT", "cv": "CV", "ud": "UD", "koperasi": "Koperasi", "firma": "Firma"}
SIZES = {
    "producer": [("micro", 45), ("small", 35), ("medium", 15), ("large", 5)],
    "brand": [("micro", 30), ("small", 45), ("medium", 20), ("large", 5)],
    "supplier": [("micro", 20), ("small", 45), ("medium", 25), ("large", 10)],
    "material": [("small", 30), ("medium", 45), ("large", 25)],
    "organisation": [("small", 50), ("medium", 40), ("large", 10)],
}
CAPACITY_BY_SIZE = {
    "micro": (100, 900),
    "small": (800, 8000),
    "medium": (5000, 40000),
    "large": (30000, 400000),
}
SUPPLY_UNITS = {
    "material": ["sqft", "sqm", "sheets", "kg", "metres"],
    "supplier": ["pairs", "pieces", "units", "kg", "litres"],
}

NAME_WORDS = [
    "Maju",
    "Jaya",
    "Karya",
    "Sentosa",
    "Abadi",
    "Mandiri",
    "Makmur",
    "Sejahtera",
    "Prima",
    "Utama",
    "Langkah",
    "Tapak",
    "Cipta",
    "Mulia",
    "Berkah",
    "Sinar",
    "Putra",
    "Putri",
    "Indah",
    "Lestari",
    "Gemilang",
    "Nusantara",
    "Santoso",
    "Wijaya",
    "Barokah",
    "Bintang",
    "Mitra",
    "Rejeki",
    "Agung",
    "Harapan",
    "Baru",
    "Sumber",
    "Sukses",
    "Bersama",
    "Tunggal",
    "Mas",
    "Kencana",
    "Anugerah",
    "Perkasa",
    "Sakti",
    "Sahabat",
    "Tiga",
    "Dua",
    "Bumi",
    "Cahaya",
    "Mentari",
    "Fajar",
    "Surya",
    "Tirta",
    "Arta",
    "Dharma",
    "Buana",
    "Griya",
    "Insan",
    "Kreasi",
    "Ananda",
    "Family",
    "Pratama",
    "Handal",
]
ROLE_NOUNS = {
    "producer": ["Sepatu", "Alas Kaki", "Sandal", "Shoes", "Footwear", "Sepatu Kulit", "Konveksi Sepatu"],
    "brand": [],
    "supplier": ["Sol", "Acuan Sepatu", "Kimia", "Aksesori Sepatu", "Teknik", "Mesin Sepatu", "Kemasan"],
    "material": ["Penyamakan Kulit", "Kulit", "Karet", "Tekstil", "Leather", "Sintetis"],
    "organisation": [],
}
BRAND_SYLLABLES = [
    "ka",
    "ze",
    "ra",
    "lo",
    "vi",
    "na",
    "to",
    "mi",
    "sa",
    "re",
    "do",
    "ku",
    "ta",
    "ri",
    "an",
    "el",
    "ar",
    "on",
    "ba",
    "li",
    "ne",
    "ko",
    "ya",
]
ORGANISATION_NAMES = [
    "Asosiasi Persepatuan {place}",
    "Koperasi Pengrajin Sepatu {place}",
    "Balai Pelatihan Alas Kaki {place}",
    "Laboratorium Uji Alas Kaki {place}",
    "Forum Komunikasi IKM Sepatu {place}",
    "Paguyuban Pengrajin Kulit {place}",
    "Dinas Perindustrian {place}",
]

# Description building blocks, Indonesian and English side by side.
OPENINGS = {
    "producer": (
        "{name} adalah produsen {products} di {place}.",
        "{name} manufactures {products_en} in {place}.",
    ),
    "brand": (
        "{name} adalah merek lokal {products} dari {place}.",
        "{name} is a local brand of {products_en} from {place}.",
    ),
    "supplier": (
        "{name} memasok {products} untuk industri sepatu di {place}.",
        "{name} supplies {products_en} to shoemakers around {place}.",
    ),
    "material": (
        "{name} memproduksi bahan baku {products} di {place}.",
        "{name} produces {products_en} as raw material in {place}.",
    ),
    "organisation": (
        "{name} mendukung IKM alas kaki di {place} melalui {products}.",
        "{name} supports footwear SMEs in {place} through {products_en}.",
    ),
}
SENTENCES = [
    ("Berdiri sejak {year} dan dikelola oleh keluarga.", "Family-run since {year}."),
    ("Kami melayani pesanan makloon untuk merek kecil.", "We take makloon orders for small brands."),
    (
        "Produk kami dijual di Tokopedia, Shopee dan toko offline.",
        "Our products sell on marketplaces and in shops.",
    ),
    (
        "Menggunakan kulit sapi asli dan sol karet berkualitas.",
        "We use genuine cowhide and quality rubber soles.",
    ),
    (
        "Melayani pesanan sepatu sekolah, sepatu kerja dan pantofel.",
        "We make school shoes, work shoes and loafers.",
    ),
    (
        "Sudah ekspor ke Malaysia, Jepang dan Timur Tengah.",
        "Exporting to Malaysia, Japan and the Middle East.",
    ),
    (
        "Tersedia layanan desain, sampel dan produksi massal.",
        "Design, sampling and mass production available.",
    ),
    ("Kapasitas produksi {capacity} pasang per bulan.", "Monthly capacity of {capacity} pairs."),
    (
        "Pengrajin berpengalaman dengan jahitan tangan yang rapi.",
        "Experienced craftsmen with neat hand stitching.",
    ),
    (
        "Menerima pesanan sneakers, sandal jepit dan sepatu bot.",
        "We take orders for sneakers, flip-flops and boots.",
    ),
    (
        "Bahan sintetis dan kanvas tersedia dalam banyak warna.",
        "Synthetic leather and canvas in many colours.",
    ),
    ("Bersertifikat SNI dan memenuhi standar keselamatan kerja.", "SNI-certified, meeting safety standards."),
    ("Siap bermitra dengan produsen di seluruh Indonesia.", "Ready to partner with makers across Indonesia."),
    ("Gudang dan bengkel kami terbuka untuk kunjungan pembeli.", "Our workshop welcomes visiting buyers."),
]
SENTENCES_PER_DESCRIPTION = (2, 5)
ENGLISH_SHARE = 0.3

STREETS = [
    "Jl. Raya",
    "Jl. Industri",
    "Jl. Kenanga",
    "Jl. Merdeka",
    "Jl. Pahlawan",
    "Jl. Sudirman",
    "Jl. Veteran",
]
CONTACT_NAMES = [
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Hendra",
    "Rina",
    "Joko",
    "Wati",
    "Slamet",
    "Yuni",
    "Eko",
    "Sri",
    "Bambang",
    "Lestari",
    "Andi",
    "Nur",
    "Made",
    "Ketut",
    "Yusuf",
    "Ayu",
]
EXPORT_MARKETS = ["MY", "SG", "JP", "US", "AE", "SA", "AU", "NL", "DE", "KR", "PH", "TH"]
KBLI = {
    "producer": ["15201", "15202", "15209"],
    "brand": ["47711", "15201"],
    "supplier": ["15203", "22192", "28263"],
    "material": ["15111", "22191", "13112"],
    "organisation": ["94110", "85499", "71204"],
}
# Certifications and how often a listing of a role holds each.
CERTIFICATIONS = {
    "sni": 0.2,
    "iso-9001": 0.06,
    "iso-14001": 0.02,
    "lwg": 0.0,
    "halal": 0.1,
    "tkdn": 0.05,
}
LWG_SHARE_FOR_MATERIAL = 0.15

# Lifecycle: (status, weight). About 90% published.
STATUSES = [("published", 900), ("pending", 40), ("draft", 30), ("rejected", 20), ("archived", 10)]
REJECTION_REASONS = [
    "Nomor telepon tidak dapat dihubungi.",
    "Data perusahaan tidak dapat diverifikasi.",
    "Listing ganda dari perusahaan yang sama.",
]
VERIFIED_SHARE = 0.15
