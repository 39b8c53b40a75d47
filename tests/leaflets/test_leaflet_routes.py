"""The leaflets through HTTP: every language, sizes, two languages, ETag and 304, the cache."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app.config import get_policy
from app.leaflets import service
from app.leaflets.catalog import PUBLIC_LOCALES, url_code
from app.leaflets.content import rights_text
from app.leaflets.service import LeafletKey


@pytest.mark.parametrize("locale", PUBLIC_LOCALES)
def test_the_leaflet_of_every_language_is_served(rendered, anonymous, locale):
    lang = url_code(locale)
    response = anonymous.get(f"/{lang}/leaflet.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == rendered[LeafletKey(locale)].pdf  # from the cache
    assert "set-cookie" not in response.headers
    version = service.content_version(locale)
    assert response.headers["etag"] == f'"{version}-{lang}-a4.pdf"'


def test_a_matching_etag_gets_304_without_rendering(rendered, anonymous):
    first = anonymous.get("/am/leaflet.pdf?size=a5&with=fr")
    assert first.status_code == 200
    etag = first.headers["etag"]
    again = anonymous.get("/am/leaflet.pdf?size=a5&with=fr", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = anonymous.get("/am/leaflet.pdf?size=a5", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_a_bilingual_a5_leaflet_is_a5_with_both_languages(rendered, anonymous):
    response = anonymous.get("/am/leaflet.pdf?size=a5&with=fr")
    reader = PdfReader(io.BytesIO(response.content))
    for page in reader.pages:  # ISO A5, 148 x 210 mm, in points
        assert abs(float(page.mediabox.width) - 419.53) < 0.1
        assert abs(float(page.mediabox.height) - 595.28) < 0.1
    assert reader.trailer["/Root"]["/Lang"] == "am"


def test_a_leaflet_not_in_the_cache_is_rendered_by_a_worker_and_kept(anonymous, tmp_path):
    key = LeafletKey("sw", "a5", "fr")
    version = service.current_version(key)
    service.cache.path(key, version).unlink(missing_ok=True)
    service.cache.clear_memory()
    response = anonymous.get("/sw/leaflet.pdf?size=a5&with=fr")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert service.cache.path(key, version).read_bytes() == response.content


@pytest.mark.parametrize(
    "query",
    ["size=a3", "with=ru", "with=xx", "with=am", "with=en", "size=A4"],
)
def test_leaflets_that_do_not_exist_are_not_found(anonymous, query):
    assert anonymous.get(f"/am/leaflet.pdf?{query}").status_code == 404


def test_unknown_language_leaflet_is_not_found(anonymous):
    assert anonymous.get("/xx/leaflet.pdf").status_code == 404


@pytest.mark.parametrize("official", ["de", "it"])
def test_a_leaflet_can_be_printed_beside_every_official_language(anonymous, official):
    # Switzerland's are German, French and Italian; German and Italian have no page of their
    # own, only the text to print beside a worker's language.
    response = anonymous.get(f"/ti/leaflet.pdf?size=a5&with={official}")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "ti"
    found = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    for locale in ("ti", official):
        title = rights_text(get_policy(), locale).title.striptags()
        assert re.sub(r"\s+", "", title) in found, locale
    assert {"de": "Öffnungszeiten", "it": "Oraridiapertura"}[official] in found


def test_the_build_makes_each_language_alone_and_beside_the_first_official_language():
    policy = get_policy()
    keys = list(service.all_keys(policy))
    assert len(keys) == len(set(keys))
    # Each language in A4 and A5, alone and beside German, Switzerland's first.
    assert len(keys) == len(PUBLIC_LOCALES) * 2 * 2
    assert LeafletKey("am", "a5", "de") in keys and LeafletKey("am", "a5", "fr") not in keys
    every = list(service.all_keys(policy, every_pairing=True))
    # With every pairing: beside German, French and Italian too (but French beside itself).
    assert len(every) == len(set(every)) == len(PUBLIC_LOCALES) * 2 * 4 - 2
    assert LeafletKey("am", "a5", "it") in every and LeafletKey("fr", "a4", "fr") not in every


def test_the_content_version_names_what_the_leaflet_is_made_of():
    version = service.content_version("am")
    assert len(version) == 10 and int(version, 16) >= 0
    assert service.content_version("am") == version  # stable within a deployment
    assert service.content_version("am", "fr") != version  # the French catalog is part of it
    assert service.leaflet_version_for("am") == version  # what an interview records
