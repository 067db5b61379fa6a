# Kodo: `docker build -t kodo .` then `docker run -p 3000:3000 --env-file .env kodo` (see compose.yaml)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# The dependency layer comes from the lock file alone, so a code change reuses it instead of
# reinstalling every dependency.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY adapters ./adapters
COPY content ./content
COPY scheduler ./scheduler
COPY storage ./storage
RUN pip install --no-deps . \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin kodo \
 && mkdir /data && chown kodo:kodo /data

USER kodo
# SQLite on a volume by default; set DATABASE_URL=postgresql+asyncpg://… for PostgreSQL.
ENV DATABASE_URL=sqlite+aiosqlite:////data/kodo.db \
    HOST=0.0.0.0 \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

CMD ["kodo", "serve"]
