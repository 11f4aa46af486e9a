from django.apps import AppConfig, apps
from django.core import checks
from django.db.models.signals import post_migrate


class IfnConfig(AppConfig):
    name = "ifn"
    verbose_name = "IFN Directory"

    def ready(self):
        from .sites import check_site, sync_site

        # Once per migrate (and flush). The signal is sent per app with models:
        # the sites app's, when its table exists.
        post_migrate.connect(sync_site, sender=apps.get_app_config("sites"), dispatch_uid="ifn.sync_site")
        checks.register(check_site, checks.Tags.database)
