import factory

from accounts.tests.factories import UserFactory
from moderation.models import ErrorReport


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
