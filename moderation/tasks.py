"""Background tasks of moderation, run by the database task worker (`manage.py db_worker`)."""

from django_tasks import task


@task()
def run_import(run_id):
    """Write the import `run_id` confirmed in the admin (see importer.runs.run_import)."""
    from .importer.runs import run_import as run

    return run(run_id)
