from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self):
        # seed_demo's demo data includes this app's.
        from directory import demo

        from .demo import seed_enquiries

        demo.register(seed_enquiries)
