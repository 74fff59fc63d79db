# Lendingsite's production image (docs/operations.md, "Containers"): one image for every
# process (web, live, worker, beat, and the one-off migrate); compose.yaml picks the
# command. Multi-stage: the build stage has pip and compiles nothing the runtime needs.

FROM python:3.12-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# The dependencies first, read from pyproject.toml: this layer is rebuilt only when they
# change, not on every code change. (The project itself runs from /app, uninstalled.)
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt
COPY . .
# Static files with production's storage (hashed names, compressed, a manifest), which
# only DJANGO_ENV=production selects; the secrets it insists on are throwaway values that
# live in this one command, never in the image's environment.
RUN DJANGO_ENV=production \
    DJANGO_SECRET_KEY=collectstatic-only \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    REDIS_URL=redis://localhost:6379/0 \
    FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    PII_HASH_KEY=collectstatic-only-0123456789abcdef \
    OPS_TOKEN=collectstatic-only \
    SITE_URL=https://localhost \
    STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput -v 0 \
    && python -m compileall -q /app

FROM python:3.12-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_ENV=production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PORT=8000
# A system user with no shell and no home to write to: the code is root's and read-only
# to it; only the media volume (KYC documents, statements) is its own.
RUN groupadd --system --gid 10001 lendingsite \
    && useradd --system --uid 10001 --gid lendingsite --no-create-home --shell /usr/sbin/nologin lendingsite \
    && mkdir -p /data/media \
    && chown lendingsite:lendingsite /data/media
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "/app/deploy/healthcheck.py"]
# The web process (Procfile's `web`); compose.yaml gives the others their command.
CMD ["sh", "-c", "exec gunicorn lendingsite.wsgi --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --access-logfile -"]
