"""Demo enquiries for seed_demo: buyers from home and abroad, some answered, so that the
inboxes, the numbers and the "usually answers within N days" hint have something to show."""

import random
from datetime import timedelta

from django.utils import timezone

from directory.models import Listing

from .models import Enquiry, ResponseStats

BUYERS = [
    ("Hana Suzuki", "hana.suzuki@buyer.example", "Kyoto Footwear Trading", "JP", "en"),
    ("Lukas Becker", "l.becker@buyer.example", "Becker Schuhhandel", "DE", "en"),
    ("Siti Rahmawati", "siti@tokosepatu.example", "Toko Sepatu Rahma", "ID", "id"),
    ("Ahmad Faiz", "faiz@kedaikasut.example", "Kedai Kasut Faiz", "MY", "en"),
    ("Dewi Lestari", "dewi@brandlokal.example", "Langkah Lokal", "ID", "id"),
    ("Emma Jansen", "emma@buyer.example", "Jansen Retail", "NL", "en"),
]
NEEDS = [
    ("Sepatu kulit formal pria", "500 pasang", "Mohon penawaran harga dan contoh warna."),
    ("Sol karet untuk sepatu sekolah", "2.000 pasang per bulan", "Apakah bisa ukuran 30–40?"),
    ("Makloon sepatu kasual kanvas", "300 pasang", "Kami merek baru dan butuh produksi kecil dulu."),
    ("Safety shoes with steel toe cap", "1,000 pairs", "Please send your catalogue and SNI certificate."),
    ("Kulit sapi samak nabati", "200 sqft", "Untuk dompet dan ikat pinggang."),
]


def seed_enquiries(*, listings, staff, company, stdout):
    rng = random.Random(2121)
    now = timezone.now()
    published = [x for x in listings if x.status == Listing.Status.PUBLISHED]
    # The demo company's listing first: its inbox and its answer hint.
    chosen = [listings[0]] + rng.sample(published[1:], min(24, len(published) - 1))
    created = 0
    for index, listing in enumerate(chosen):
        count = 6 if index == 0 else rng.randint(1, 4)
        for n in range(count):
            name, email, buyer_company, country, language = BUYERS[(index + n) % len(BUYERS)]
            product, quantity, message = NEEDS[(index + 2 * n) % len(NEEDS)]
            received = now - timedelta(days=rng.randint(1, 240), hours=rng.randint(0, 23))
            answered = index == 0 and n < 4 or index > 0 and rng.random() < 0.6
            _enquiry, new = Enquiry.objects.get_or_create(
                listing=listing,
                email=email,
                product=product,
                defaults={
                    "name": name,
                    "company": buyer_company,
                    "country": country,
                    "quantity": quantity,
                    "message": message,
                    "language": language,
                    "created_at": received,
                    "status": Enquiry.Status.ANSWERED if answered else Enquiry.Status.NEW,
                    "answered_at": received + timedelta(hours=rng.randint(3, 70)) if answered else None,
                    "routed_to_staff": not listing.memberships.exists(),
                    "is_demo": True,
                },
            )
            created += new
        ResponseStats.refresh(listing.pk)
    stdout.write(f"  Enquiries: {created} new demo enquiries.")
