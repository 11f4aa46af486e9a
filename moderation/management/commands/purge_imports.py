"""python manage.py purge_imports: delete import files abandoned before confirmation."""

from django.core.management.base import BaseCommand

from moderation import uploads


class Command(BaseCommand):
    help = "Delete listing import files uploaded more than a day ago and never confirmed (run daily)."

    def handle(self, *args, **options):
        deleted = uploads.purge_stale()
        self.stdout.write(f"Deleted {deleted} abandoned import file(s).")
