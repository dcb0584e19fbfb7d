# ClaimWatch: `docker build -t claimwatch .` then
# `docker run -e TELEGRAM_BOT_TOKEN=… -v claimwatch-data:/data claimwatch`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CLAIMWATCH_DATABASE_URL=sqlite+aiosqlite:////data/claimwatch.db \
    CLAIMWATCH_SPOOL_DIR=/data/spool \
    CLAIMWATCH_HTTP_PORT=8080

RUN useradd --create-home --uid 10001 claimwatch && mkdir /data && chown claimwatch /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY claimwatch claimwatch
COPY bot bot
COPY handlers handlers
COPY extract extract
COPY digest digest
COPY storage storage
COPY config config
RUN pip install --upgrade pip && pip install .

USER claimwatch
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"CLAIMWATCH_HTTP_PORT\"]}/healthz', timeout=4)"
CMD ["claimwatch", "run"]
