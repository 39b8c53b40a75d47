# Hestia production image: slim, non-root, uvicorn, PostgreSQL driver, and the fonts and
# libraries the PDFs need (Pango/HarfBuzz, Noto for every script; see docs on leaflets).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HESTIA_VAR_DIR=/var/lib/hestia

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk poppler-utils \
 && rm -f /usr/share/fonts/opentype/noto/NotoSerifCJK* \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /var/lib/hestia --create-home --shell /usr/sbin/nologin hestia

WORKDIR /opt/hestia
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY locales ./locales
COPY templates ./templates
# Editable, so that the code finds its migrations, locales and templates beside it. PyICU
# (Khmer and Burmese line breaking in the leaflets) is built against ICU, then the compiler
# goes; the ICU runtime stays.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libicu-dev pkg-config g++ \
 && pip install --no-compile -e . && python -m compileall -q app \
 && apt-get purge -y --auto-remove g++ pkg-config \
 && apt-get install -y --no-install-recommends libicu72 \
 && rm -rf /var/lib/apt/lists/*

USER hestia
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
# Run `hestia db upgrade` once per release (e.g. as a job) before starting the new image.
CMD ["uvicorn", "app.main:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", \
     "--workers", "2", "--proxy-headers", "--no-access-log"]
