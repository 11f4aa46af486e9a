# IFN Directory: the portal's image, served by gunicorn with gunicorn.conf.py.
#   docker build -t ifn-directory .
# Build stage: wheels for every requirement, so the runtime image carries no
# compiler or build cache.
FROM python:3.11-slim-bookworm AS build
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

# Runtime stage.
FROM python:3.11-slim-bookworm
# PRIVATE_MEDIA_ROOT is a folder path (claim documents), not a secret.
# hadolint ignore=DL3064
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private
WORKDIR /app
RUN groupadd --system --gid 10001 ifn \
    && useradd --system --uid 10001 --gid ifn --home-dir /app --shell /usr/sbin/nologin ifn
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/* && rm -rf /wheels
COPY --chown=10001:10001 . .
# Static files are collected (hashed, gzip and brotli) into the image; the
# build-time key is a throwaway that never serves a request.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && mkdir -p /data/media /data/private \
    && chown -R 10001:10001 /data
USER 10001:10001
VOLUME ["/data/media", "/data/private"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "ifn.wsgi"]
