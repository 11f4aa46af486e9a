import factory

from directory.tests.factories import ListingFactory
from enquiries.models import Enquiry


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    listing = factory.SubFactory(ListingFactory)
    name = factory.Sequence(lambda n: f"Pembeli {n}")
    email = factory.Sequence(lambda n: f"buyer{n}@buyer.example")
    company = "Toko Sepatu"
    country = "MY"
    product = factory.Sequence(lambda n: f"Sepatu kulit model {n}")
    quantity = "200 pasang"
    message = "Mohon penawaran harga."
    language = "id"
