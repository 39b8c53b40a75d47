"""The staff see each worker-facing language's review status and completeness."""

from __future__ import annotations

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
    english = next(r for r in rows if ", en)" in r.get_text())
    assert "Reviewed" in english.get_text()
    arabic = next(r for r in rows if ", ar)" in r.get_text())
    assert arabic.select_one("span[dir=rtl]") is not None


def test_the_languages_page_needs_signing_in(anonymous):
    response = anonymous.get("/staff/languages", follow_redirects=False)
    assert response.status_code == 303
