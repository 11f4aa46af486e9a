"""The national-scale benchmark and the reliability checks.

    python -m bench run [--listings 100000] [--rounds 40] [--db ifn_bench] [--keep-db] …
    python -m bench load [--fast]
    python -m bench faults [--fast]
    python -m bench seed --listings 1000000 --db ifn_bench_1m

`run` seeds a fresh PostgreSQL database, serves the portal with gunicorn in
production settings, times every kind of page and appends the figures to
docs/performance.md. See docs/performance.md and docs/reliability.md.
"""

import argparse
import os
import resource
import secrets
import shlex
import subprocess
import sys
import time

import psycopg2

from .harness import (
    SHARED_POSTGRES,
    Gunicorn,
    PrivatePostgres,
    PrivateRedis,
    Stack,
    create_database,
    free_port,
    log,
    manage,
)
from .harness import server_environment as _server_environment


def _options(parser, *, listings, db):
    parser.add_argument(
        "--listings", type=int, default=listings, help=f"listings to seed (default {listings:,})"
    )
    parser.add_argument("--db", default=db, help=f"database name on the shared server (default {db})")
    parser.add_argument("--keep-db", action="store_true", help="reuse the database if seeded, do not reseed")
    parser.add_argument("--private-db", action="store_true", help="use a throwaway PostgreSQL of this run")
    parser.add_argument("--port", type=int, default=0, help="port for gunicorn (default: a free one)")
    parser.add_argument(
        "--no-static-manifest",
        action="store_true",
        help="serve static files without the manifest (production uses it; for a checkout where it fails)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the generated data")


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="seed, serve and time every page kind")
    _options(run, listings=100_000, db="ifn_bench")
    run.add_argument("--rounds", type=int, default=40, help="latency rounds (one request per page kind each)")
    run.add_argument("--warmup", type=int, default=1, help="warm-up requests per page kind")
    run.add_argument("--max-seconds", type=float, default=240, help="stop the latency rounds after this long")
    run.add_argument("--concurrency", type=int, default=4, help="clients for the throughput figures")
    run.add_argument(
        "--throughput-seconds", type=float, default=3, help="seconds of throughput per page kind"
    )
    run.add_argument("--no-export", action="store_true", help="skip timing the full CSV export")
    run.add_argument(
        "--no-redis",
        action="store_true",
        help="serve with the database cache instead of a private Redis (production runs with Redis)",
    )
    run.add_argument("--title", default="", help="title of the section in docs/performance.md")
    run.add_argument(
        "--no-write", action="store_true", help="print the figures, leave docs/performance.md alone"
    )
    seed = commands.add_parser("seed", help="only create and seed the database")
    _options(seed, listings=100_000, db="ifn_bench")
    load = commands.add_parser("load", help="many concurrent clients over the public pages: no 5xx")
    _options(load, listings=100_000, db="ifn_bench")
    load.add_argument("--connections", type=int, default=50)
    load.add_argument("--seconds", type=float, default=60)
    load.add_argument(
        "--fast", action="store_true", help="CI variant: private database, 2,000 listings, 10 × 10 s"
    )
    faults = commands.add_parser("faults", help="stop PostgreSQL, kill a worker, stop Redis, under load")
    faults.add_argument("--listings", type=int, default=1000)
    faults.add_argument("--clients", type=int, default=4)
    faults.add_argument("--fast", action="store_true", help="CI variant (shorter phases)")
    faults.add_argument("--no-static-manifest", action="store_true")
    args = parser.parse_args(argv)
    if getattr(args, "fast", False) and args.command == "load":
        args.private_db, args.listings, args.connections, args.seconds = True, 2000, 10, 10.0
    return args


def prepare(stack, args, *, redis_url=None):
    """Database created (or reused), migrated and seeded; Django set up on it; the server's environment."""
    if args.private_db:
        stack.postgres = PrivatePostgres(stack)
        server_url = stack.postgres.url
    else:
        server_url = os.environ.get("BENCH_POSTGRES", SHARED_POSTGRES)
    database_url = create_database(server_url, args.db, drop=not args.keep_db)
    port = args.port or free_port()
    os.environ.setdefault("BENCH_SECRET_KEY", secrets.token_urlsafe(50))
    env = _server_environment(
        database_url,
        port=port,
        static_root=stack.tmp / "static",
        manifest=not args.no_static_manifest,
        redis_url=redis_url,
    )
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    from directory.models import Listing

    from .seed import analyze, seed_listings

    call_command("migrate", verbosity=0)
    rate = None
    existing = Listing.objects.count()
    if existing and args.keep_db:
        log(f"reusing {args.db}: {existing:,} listings")
        listings = existing
    else:
        log(f"seeding {args.listings:,} listings into {args.db}…")
        count, seconds = seed_listings(
            count=args.listings,
            seed=args.seed,
            progress=lambda done, elapsed: (
                log(f"  {done:,} listings, {done / elapsed:,.0f}/s") if done % 50_000 == 0 else None
            ),
        )
        started = time.monotonic()
        analyze()
        seconds += time.monotonic() - started
        rate = count / seconds
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        log(
            f"seeded {count:,} listings in {seconds:.1f} s: {rate:,.0f} listings/s "
            f"(indexes and ANALYZE included); seeder peak memory {peak:.0f} MiB"
        )
        listings = count
    return env, port, listings, rate


def serve(stack, env, port):
    manage(env, "collectstatic", "--noinput", "-v", "0")
    return Gunicorn(stack, env, port)


def command_run(args):
    with Stack() as stack:
        # As in production (README, compose.yaml): the cache in Redis, with its memory limit and LRU policy.
        redis_url = None if args.no_redis else PrivateRedis(stack, maxmemory="256mb").url
        env, port, listings, rate = prepare(stack, args, redis_url=redis_url)
        from . import measure, report
        from .pages import admin_cookie, page_kinds

        server = serve(stack, env, port)
        log(f"serving on 127.0.0.1:{port} ({server.config_used})")
        kinds = page_kinds(port)
        cookie = admin_cookie()
        rounds = measure.latency(
            port, kinds, rounds=args.rounds, warmup=args.warmup, cookie=cookie, max_seconds=args.max_seconds
        )
        rps = {}
        if args.concurrency and args.throughput_seconds:
            figures = measure.throughput(
                port, kinds, clients=args.concurrency, seconds=args.throughput_seconds, cookie=cookie
            )
            rps = {name: figure["rps"] for name, figure in figures.items()}
        export = None if args.no_export else measure.export(port, server)
        rows = measure.summarise(kinds)
        section = report.markdown(
            title=args.title or f"{listings:,} listings",
            command="python -m bench " + shlex.join(sys.argv[1:]),
            listings=listings,
            seed_rate=rate,
            rows=rows,
            rounds=rounds,
            rps=rps,
            export=export,
            server_config=server.config_used,
            cache="database" if args.no_redis else "Redis (private, maxmemory 256 MB, allkeys-lru)",
        )
        print(section)
        if not args.no_write:
            report.append(section)
            log(f"appended to {report.PERFORMANCE_DOC}")
        logged = server.errors_logged()
        if "Traceback" in logged:
            last = logged[logged.rindex("Traceback") :]
            log(f"the server logged {logged.count('Traceback')} tracebacks; the last:\n{last[-3000:]}")
    return 0


def command_seed(args):
    with Stack() as stack:
        prepare(stack, args)
    return 0


def command_load(args):
    with Stack() as stack:
        env, port, listings, _rate = prepare(stack, args)
        from .load import run_load

        server = serve(stack, env, port)
        return run_load(port, server, listings=listings, connections=args.connections, seconds=args.seconds)


def command_faults(args):
    from .faults import run_faults

    return run_faults(args, prepare=prepare, serve=serve)


def main(argv=None):
    args = parse(argv if argv is not None else sys.argv[1:])
    handler = {"run": command_run, "seed": command_seed, "load": command_load, "faults": command_faults}
    try:
        return handler[args.command](args)
    except (RuntimeError, OSError, subprocess.CalledProcessError, psycopg2.Error) as error:
        # Servers are already stopped by the Stack; say what failed without a traceback.
        print(f"bench {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
