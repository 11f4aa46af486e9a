"""Fill the directory with fictitious demo listings and demo accounts.

Deterministic and idempotent: the same run gives the same listings, keyed by
slug, and a second run changes nothing (directory/demo/ writes only what
differs). Other apps add their own demo data from their own modules.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory import demo
from directory.demo import seed_listings

STAFF_EMAIL = "staff@ifn.example"
STAFF_PASSWORD = "ifn-demo-staff-2020"
COMPANY_EMAIL = "company@ifn.example"
COMPANY_PASSWORD = "ifn-demo-company-2020"


class Command(BaseCommand):
    help = "Create or refresh the fictitious demo listings and demo accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=180, help="Published listings to create.")
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a production database)."
        )

    def handle(self, *args, count, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with known passwords; run it with DEBUG=true or --force."
            )
        if count < 1:
            raise CommandError("--count must be at least 1.")
        with transaction.atomic():
            staff, company = self.seed_accounts()
            listings = seed_listings(count=count, company=company)
            demo.seed_all(listings=listings, staff=staff, company=company, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(listings)} demo listings."))
        self.stdout.write(f"  Staff (admin at /admin/): {STAFF_EMAIL} / {STAFF_PASSWORD}")
        self.stdout.write(f"  Company account:          {COMPANY_EMAIL} / {COMPANY_PASSWORD}")

    def seed_accounts(self):
        from allauth.account.models import EmailAddress

        User = get_user_model()
        accounts = []
        for email, password, is_staff in [
            (STAFF_EMAIL, STAFF_PASSWORD, True),
            (COMPANY_EMAIL, COMPANY_PASSWORD, False),
        ]:
            user, _ = User.objects.get_or_create(email=email)
            # Saved only when something differs, so a second run changes nothing.
            if not (
                user.is_staff == user.is_superuser == is_staff
                and user.is_active
                and user.check_password(password)
            ):
                user.is_staff = user.is_superuser = is_staff
                user.is_active = True
                user.set_password(password)
                user.save()
            address, _ = EmailAddress.objects.get_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            if not (address.verified and address.primary):
                address.verified = address.primary = True
                address.save()
            accounts.append(user)
        return accounts
