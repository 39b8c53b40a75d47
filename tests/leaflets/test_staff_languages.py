"""The staff see each worker-facing language's review status and completeness, with a picture
of each leaflet's first page."""

from __future__ import annotations

import io

from PIL import Image

from app.leaflets import previews, service
from app.leaflets.service import LeafletKey
from tests.web.conftest import browser_as, soup

__all__ = ["browser_as"]


def test_the_languages_page_lists_every_language_with_its_status(browser_as):
    viewer = browser_as("viewer")
    page = soup(viewer.get("/staff/languages"))
    rows = page.select("tbody tr")
    assert len(rows) >= 30
    amharic = next(r for r in rows if "(am)" in r.get_text() or ", am)" in r.get_text())
    assert "አማርኛ" in amharic.get_text()
    assert "Draft, not reviewed" in amharic.get_text()
    assert amharic.select_one('a[href="/am/leaflet.pdf"]') is not None
    for official in ("de", "fr", "it"):
        assert amharic.select_one(f'a[href="/am/leaflet.pdf?with={official}"]') is not None
    english = next(r for r in rows if ", en)" in r.get_text())
    assert "Reviewed" in english.get_text()
    arabic = next(r for r in rows if ", ar)" in r.get_text())
    assert arabic.select_one("span[dir=rtl]") is not None
    # German and Italian are there to be printed beside the others: a status, no page.
    german = next(r for r in rows if ", de)" in r.get_text())
    assert "Draft, not reviewed" in german.get_text()
    assert german.select_one('a[href="/de/"]') is None and german.select_one("img") is None


def test_each_language_shows_a_picture_of_its_leaflet_s_first_page(browser_as):
    viewer = browser_as("viewer")
    page = soup(viewer.get("/staff/languages"))
    pictures = page.select("tbody img")
    assert len(pictures) == 30
    khmer = page.select_one('img[src="/staff/languages/km/preview.png"]')
    assert khmer is not None
    assert khmer["alt"] == "First page of the leaflet in Khmer"
    assert khmer["loading"] == "lazy"
    assert khmer.find_parent("a")["href"] == "/km/leaflet.pdf"

    response = viewer.get(khmer["src"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    picture = Image.open(io.BytesIO(response.content))
    # The first page of an A4 leaflet, small: portrait, 1:1.41, at most 300 pixels high.
    assert picture.height == previews.PIXELS
    assert abs(picture.height / picture.width - 297 / 210) < 0.02
    # Not a blank page: the page is mostly white, with dark text on it.
    dark = sum(1 for value in picture.convert("L").getdata() if value < 100)
    assert 0.01 < dark / (picture.width * picture.height) < 0.5
    # Kept beside the PDF, and not sent again to a browser that has it.
    key = LeafletKey("km")
    assert previews.preview_path(key, service.current_version(key)).exists()
    again = viewer.get(khmer["src"], headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_a_picture_of_no_language_is_not_found(browser_as):
    viewer = browser_as("viewer")
    assert viewer.get("/staff/languages/xx/preview.png").status_code == 404
    assert viewer.get("/staff/languages/de/preview.png").status_code == 404


def test_the_languages_page_and_its_pictures_need_signing_in(anonymous):
    for url in ("/staff/languages", "/staff/languages/am/preview.png"):
        response = anonymous.get(url, follow_redirects=False)
        assert response.status_code == 303


def test_after_a_build_the_one_language_a4_leaflets_get_their_pictures(rendered):
    built = [
        service.BuildResult(key, service.current_version(key), len(rendered[key].pdf), ())
        for key in (LeafletKey("am"), LeafletKey("am", "a5", "fr"), LeafletKey("km", "a5"))
    ]
    picture = previews.preview_path(built[0].key, built[0].version)
    picture.unlink(missing_ok=True)
    assert previews.make_missing(built) == 1  # the A4 Amharic leaflet alone
    assert picture.read_bytes().startswith(b"\x89PNG")
    assert previews.make_missing(built) == 0  # made once per version
