"""Demo data beyond the listings, for `seed_demo`.

The directory seeds its own rosters and supply links; apps above it add
their demo data (enquiries, projects) by registering a seeder from their
AppConfig.ready(), so the directory never imports them. Every seeder is
idempotent: a second run changes nothing.
"""

SEEDERS = []


def register(seeder):
    """Add `seeder(*, listings, staff, company, stdout)` to what seed_demo runs, in registration order."""
    if seeder not in SEEDERS:
        SEEDERS.append(seeder)
    return seeder


def seed_all(*, listings, staff, company, stdout):
    from .management.commands._seed_network import seed_network

    for seeder in [seed_network, *SEEDERS]:
        seeder(listings=listings, staff=staff, company=company, stdout=stdout)
