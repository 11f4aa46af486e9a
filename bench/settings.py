"""The portal's production settings plus what the benchmark needs to measure it.

Adds the floor page (a view that touches no database, the fastest answer the
stack can give) at a URL that exists only here, a response header counting
each page's database queries, and a STATIC_ROOT the benchmark chooses.
"""

from ifn.settings import *  # noqa: F403
from ifn.settings import MIDDLEWARE, STATIC_ROOT, Path, env_str

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = Path(env_str("BENCH_STATIC_ROOT", str(STATIC_ROOT)))
MIDDLEWARE = ["bench.middleware.query_count", *MIDDLEWARE]
