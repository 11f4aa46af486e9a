import factory

from accounts.tests.factories import UserFactory
from moderation.models import ErrorReport


def evidence(**fields):
    """What BPIPI checked, enough to verify a listing that has an NIB: the NIB and a site visit."""
    from django.utils import timezone

    from moderation.services import Evidence

    return Evidence(**{"nib_confirmed": True, "site_visit_on": timezone.localdate(), **fields})


# A verify form that confirmed the NIB and lists no certificate.
VERIFY_POST = {"nib_confirmed": "on", "certificates-TOTAL_FORMS": "0", "certificates-INITIAL_FORMS": "0"}


def moderator():
    """A BPIPI moderator: staff in the group, not a superuser."""
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="BPIPI moderator"))
    return user


class ErrorReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ErrorReport

    listing = factory.SubFactory("directory.tests.factories.ListingFactory")
    message = "The phone number is out of date."
