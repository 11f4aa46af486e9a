from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from directory.models import (
    Category,
    Certification,
    Feature,
    Listing,
    ListingPhoto,
    Province,
    Regency,
    Role,
    SupplyLink,
    communities_of,
)


class RoleSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Role
        fields = ["code", "label"]


class CategorySerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="role_id", read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Category
        fields = ["slug", "role", "label"]


class FeatureSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Feature
        fields = ["slug", "group", "label"]


class CertificationSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Certification
        fields = ["slug", "label"]


class ListingCertificationSerializer(serializers.Serializer):
    """A certification of a listing: declared by the company, or checked by BPIPI."""

    slug = serializers.CharField()
    label = serializers.CharField()
    checked = serializers.BooleanField(
        help_text="BPIPI saw a valid certificate; false: declared by the company, not checked."
    )
    valid_until = serializers.DateField(allow_null=True, help_text="The checked certificate's expiry date.")


def listing_certifications(listing):
    return ListingCertificationSerializer(
        [
            {
                "slug": certification.slug,
                "label": certification.label,
                "checked": check is not None,
                "valid_until": check.expires_on if check else None,
            }
            for certification, check in listing.certifications_with_evidence()
        ],
        many=True,
    ).data


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name"]


class RegencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Regency
        fields = ["code", "name", "kind"]


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.ImageField(source="image", read_only=True)

    class Meta:
        model = ListingPhoto
        fields = ["url", "caption"]


LINK_LIST = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "slug": {"type": "string"},
            "name": {"type": "string"},
            "kind": {"type": "string", "enum": SupplyLink.Kind.values},
            "category": {"type": "string", "nullable": True},
            "note": {"type": "string"},
        },
    },
}


class ListingSerializer(serializers.ModelSerializer):
    """A published listing as the directory list shows it."""

    url = serializers.SerializerMethodField(help_text="The listing's public page.")
    api_url = serializers.HyperlinkedIdentityField(view_name="api:listing-detail", lookup_field="slug")
    roles = RoleSerializer(many=True, read_only=True)
    categories = CategorySerializer(many=True, read_only=True)
    province = ProvinceSerializer(read_only=True)
    regency = RegencySerializer(read_only=True)
    district = serializers.SerializerMethodField()
    certifications = serializers.SerializerMethodField()
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Listing
        fields = [
            "slug",
            "name",
            "url",
            "api_url",
            "roles",
            "categories",
            "certifications",
            "province",
            "regency",
            "district",
            "latitude",
            "longitude",
            "verified",
            "verified_at",
            "updated_at",
        ]

    @extend_schema_field(ListingCertificationSerializer(many=True))
    def get_certifications(self, listing):
        return listing_certifications(listing)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, listing):
        return self.context["request"].build_absolute_uri(listing.get_absolute_url())

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
        }
    )
    def get_district(self, listing):
        if listing.district is None:
            return None
        return {"code": listing.district.code, "name": listing.district.name}


class ListingDetailSerializer(ListingSerializer):
    """Everything public about one listing, as its page shows it."""

    description = serializers.SerializerMethodField(help_text="In the requested language where given.")
    features = FeatureSerializer(many=True, read_only=True)
    export_markets = serializers.SerializerMethodField()
    photos = PhotoSerializer(many=True, read_only=True)
    logo = serializers.ImageField(read_only=True)
    phone = serializers.CharField(read_only=True)
    whatsapp = serializers.CharField(read_only=True)
    whatsapp_url = serializers.CharField(read_only=True)
    suppliers = serializers.SerializerMethodField(
        help_text="Confirmed supply links to this listing (upstream)."
    )
    customers = serializers.SerializerMethodField(
        help_text="Confirmed supply links from this listing (downstream)."
    )
    communities = serializers.SerializerMethodField(
        help_text="Organisations the listing is a confirmed member of."
    )

    class Meta(ListingSerializer.Meta):
        fields = [
            *ListingSerializer.Meta.fields,
            "legal_form",
            "organisation_kind",
            "nib",
            "kbli_codes",
            "year_founded",
            "size",
            "description",
            "features",
            "capacity_pairs",
            "moq_pairs",
            "supply_capacity",
            "supply_capacity_unit",
            "supply_moq",
            "supply_moq_unit",
            "price_segment",
            "export_markets",
            "address",
            "postal_code",
            *Listing.CONTACT_FIELDS,
            "whatsapp_url",
            "logo",
            "photos",
            "suppliers",
            "customers",
            "communities",
            "created_at",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "text": {"type": "string"},
                "is_fallback": {"type": "boolean", "description": "The other language's text."},
            },
        }
    )
    def get_description(self, listing):
        text, is_fallback = listing.localized_description
        return {"text": text, "is_fallback": is_fallback}

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
        }
    )
    def get_export_markets(self, listing):
        return [{"code": country.code, "name": str(country.name)} for country in listing.export_markets]

    def _links(self, listing):
        if not hasattr(listing, "_public_links"):
            listing._public_links = list(
                SupplyLink.objects.public()
                .involving(listing)
                .select_related("supplier", "customer", "category")
            )
        return listing._public_links

    def _link(self, link, partner):
        return {
            "slug": partner.slug,
            "name": partner.name,
            "kind": link.kind,
            "category": link.category.slug if link.category_id else None,
            "note": link.note,
        }

    @extend_schema_field(LINK_LIST)
    def get_suppliers(self, listing):
        return [
            self._link(link, link.supplier) for link in self._links(listing) if link.customer_id == listing.pk
        ]

    @extend_schema_field(LINK_LIST)
    def get_customers(self, listing):
        return [
            self._link(link, link.customer) for link in self._links(listing) if link.supplier_id == listing.pk
        ]

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
            },
        }
    )
    def get_communities(self, listing):
        return [
            {"slug": organisation.slug, "name": organisation.name} for organisation in communities_of(listing)
        ]
