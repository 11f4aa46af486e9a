"""Two demo projects for seed_demo: BPIPI's training (open) and an association's shared
trade-fair stand (running), with interested listings and chosen participants."""

from datetime import timedelta

from django.utils import timezone

from directory.models import Listing, Role

from .models import Interest, Project


def seed_projects(*, listings, staff, company, stdout):
    published = list(
        Listing.objects.filter(pk__in=[x.pk for x in listings], status=Listing.Status.PUBLISHED)
        .prefetch_related("roles")
        .order_by("pk")
    )
    producers = [x for x in published if any(r.code == "producer" for r in x.roles.all())]
    brands = [x for x in published if any(r.code == "brand" for r in x.roles.all())]
    organisation = next((x for x in published if x.is_organisation), None)
    today = timezone.localdate()
    specs = [
        {
            "slug": "demo-pelatihan-desain-pola-sepatu",
            "title": "Pelatihan desain dan pola sepatu untuk IKM",
            "title_en": "Shoe design and pattern-making training for small makers",
            "description": (
                "BPIPI membuka kelas desain dan pembuatan pola sepatu selama lima hari di Sidoarjo "
                "untuk IKM alas kaki. Peserta membawa satu model untuk dikembangkan bersama instruktur. "
                "Data demo — proyek fiktif."
            ),
            "description_en": (
                "BPIPI runs a five-day shoe design and pattern-making class in Sidoarjo for small "
                "footwear makers. Each participant brings one model to develop with the instructors. "
                "Demo data, a fictitious project."
            ),
            "location": "BPIPI, Sidoarjo",
            "province_id": "35",
            "status": Project.Status.OPEN,
            "deadline": today + timedelta(days=45),
            "organiser": None,
            "roles": [Role.Code.PRODUCER],
            "interested": producers[:5],
            "selected": producers[:2],
        },
        {
            "slug": "demo-paviliun-bersama-pameran-alas-kaki",
            "title": "Paviliun bersama di pameran alas kaki Jakarta",
            "title_en": "A shared pavilion at the Jakarta footwear fair",
            "description": (
                "Anggota asosiasi berbagi satu paviliun di pameran alas kaki Jakarta: biaya stan, "
                "desain, dan katalog bersama. Data demo — proyek fiktif."
            ),
            "description_en": (
                "Members share one pavilion at the Jakarta footwear fair: stand costs, design and a "
                "joint catalogue. Demo data, a fictitious project."
            ),
            "location": "JIExpo Kemayoran, Jakarta",
            "province_id": "31",
            "status": Project.Status.RUNNING,
            "deadline": None,
            "organiser": organisation,
            "roles": [Role.Code.PRODUCER, Role.Code.BRAND],
            "interested": (brands + producers)[2:8],
            "selected": (brands + producers)[2:6],
        },
    ]
    for spec in specs:
        roles = spec.pop("roles")
        interested, selected = spec.pop("interested"), spec.pop("selected")
        slug = spec.pop("slug")
        project, created = Project.objects.get_or_create(
            slug=slug, defaults={**spec, "is_demo": True, "created_by": staff, "approved_by": staff}
        )
        if not created:
            continue
        project.roles_sought.set(roles)
        for listing in interested:
            status = Interest.Status.SELECTED if listing in selected else Interest.Status.INTERESTED
            Interest.objects.get_or_create(
                project=project,
                listing=listing,
                defaults={
                    "status": status,
                    "note": "Kami siap ikut serta.",
                    "decided_by": staff if listing in selected else None,
                },
            )
    stdout.write("  Projects: 2 demo projects.")
