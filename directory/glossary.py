"""Indonesian industry terms the portal uses as they are, with an explanation.

The terms stay untranslated on English pages (buyers meet them in every
conversation with Indonesian makers); the explanation is what is translated.
"""

from django.utils.translation import gettext_lazy as _

TERMS = {
    "makloon": _(
        "Contract manufacturing: a maker produces footwear for another company's brand, "
        "often for small brands with small orders."
    ),
    "IKM": _(
        "Industri Kecil dan Menengah: small and medium industries, most of Indonesia's footwear makers."
    ),
    "sentra": _("A cluster of makers of one trade in one place, such as Cibaduyut in Bandung."),
    "NIB": _("Nomor Induk Berusaha: the 13-digit business identification number issued through OSS."),
    "KBLI": _("Klasifikasi Baku Lapangan Usaha Indonesia: the standard industrial classification codes."),
    "SNI": _("Standar Nasional Indonesia: the Indonesian national standard, mandatory for some products."),
    "TKDN": _("Tingkat Komponen Dalam Negeri: the certified share of local content in a product."),
    "kecamatan": _("District: the administrative level below a regency (kabupaten) or city (kota)."),
}
