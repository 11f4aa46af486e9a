import factory

from projects.models import Interest, Project


class ProjectFactory(factory.django.DjangoModelFactory):
    """An open project run by BPIPI."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pelatihan Uji {n}")
    description = "Pelatihan desain sepatu untuk IKM."
    location = "Sidoarjo"
    status = Project.Status.OPEN

    @factory.post_generation
    def roles_sought(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.roles_sought.set(extracted)


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    project = factory.SubFactory(ProjectFactory)
    listing = factory.SubFactory("directory.tests.factories.ListingFactory")
