"""Rate limits counted in Django's cache, per visitor address or any other key.

Shared by the public forms (error reports, enquiries). Behind TRUSTED_PROXY_COUNT
reverse proxies the visitor's address is the one the outermost trusted
proxy saw; otherwise every visitor would share the proxy's address and its limit.
"""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The visitor's address, as seen by the outermost trusted reverse proxy."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def used(key):
    """How much of the allowance under `key` is used in the current period."""
    return cache.get(f"ratelimit:{key}") or 0


def allows(key, *, amount=1, limit):
    """Whether `amount` more fits into the allowance under `key`, without counting it."""
    return used(key) + amount <= limit


def count(key, *, amount=1, period):
    """Count `amount` against `key`; the period starts with the first count."""
    key = f"ratelimit:{key}"
    cache.add(key, 0, timeout=period)
    try:
        cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.set(key, amount, timeout=period)
