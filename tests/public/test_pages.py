"""The public pages through HTTP: every language, safe to open, small, the right way round."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from app.leaflets.catalog import PUBLIC_LOCALES, url_code
from app.public.service import LEAVE_URL

LANGS = [url_code(locale) for locale in PUBLIC_LOCALES]
RTL = {"ar", "fa", "ur"}
MAX_PAGE_BYTES = 50_000


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.text, "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_the_information_page_renders_in_every_language(anonymous, lang):
    response = anonymous.get(f"/{lang}/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert len(response.content) < MAX_PAGE_BYTES
    assert "set-cookie" not in response.headers
    soup = _soup(response)
    html = soup.find("html")
    assert html["lang"] == lang
    assert html["dir"] == ("rtl" if lang in RTL else "ltr")
    assert soup.find("h1").get_text(strip=True)
    # Nothing that runs, nothing fetched from another site.
    assert soup.find("script") is None
    for tag in soup.find_all(src=True):
        assert tag["src"].startswith(("/", "data:")), tag
    for tag in soup.find_all("link", href=True):
        assert tag["href"].startswith("/"), tag
    # The emergency numbers come first, before any other section.
    first_section = soup.find("main").find("section")
    assert "urgent" in first_section["class"]
    assert first_section.find("a", href="tel:117")
    # The leaflet alone, small, and beside each official language of the host country.
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    assert f"/{lang}/leaflet.pdf" in hrefs
    assert f"/{lang}/leaflet.pdf?size=a5" in hrefs
    for official in ("de", "fr", "it"):
        if lang != official:
            assert f"/{lang}/leaflet.pdf?with={official}" in hrefs
    # Every language is offered by its own name, in its own script.
    others = soup.select("nav.languages a[hreflang]")
    assert len(others) == len(LANGS)


def test_leave_this_page_quickly_is_a_plain_link_first_on_the_page(anonymous):
    soup = _soup(anonymous.get("/am/"))
    links = soup.find_all("a", href=True)
    assert links[0]["href"] == "#main"  # the skip link, for keyboards
    assert links[1]["href"] == LEAVE_URL
    assert "noreferrer" in links[1]["rel"]


@pytest.mark.parametrize("lang", sorted(RTL))
def test_right_to_left_pages_keep_numbers_and_amounts_left_to_right(anonymous, lang):
    soup = _soup(anonymous.get(f"/{lang}/"))
    isolated = [b.get_text() for b in soup.find_all("bdi", dir="ltr")]
    assert "+41 31 555 12 12" in isolated
    assert any("1" in text and "200" in text for text in isolated), isolated  # the wage


def test_an_unreviewed_translation_says_so_and_english_does_not(anonymous):
    assert _soup(anonymous.get("/am/")).select("p.note")
    notes = [p.get_text() for p in _soup(anonymous.get("/en/")).select("p.note")]
    assert not any("qualified translator" in note for note in notes)


@pytest.mark.parametrize(
    ("accept", "lands_on"),
    [
        ("ti-ER,ti;q=0.9,en;q=0.5", "/ti/"),
        ("am", "/am/"),
        ("zh-CN,zh;q=0.9", "/zh-Hans/"),
        ("tl-PH", "/fil/"),
        ("de-CH,de;q=0.9,fr;q=0.5", "/fr/"),
        ("pt-BR", "/pt/"),
        ("ar-EG;q=0.2,uk;q=0.8", "/uk/"),
    ],
)
def test_a_browser_lands_on_the_page_in_its_language(anonymous, accept, lands_on):
    response = anonymous.get("/", headers={"Accept-Language": accept}, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == lands_on
    assert response.headers["vary"] == "Accept-Language"


def test_a_browser_in_no_language_of_ours_is_offered_every_language(anonymous):
    response = anonymous.get("/", headers={"Accept-Language": "de-CH,de;q=0.9"})
    assert response.status_code == 200
    soup = _soup(response)
    links = soup.select("nav.languages a")
    assert [a["href"] for a in links] == [f"/{lang}/" for lang in LANGS]
    names = {a["lang"]: a.get_text() for a in links}
    assert (
        names["am"] == "አማርኛ" and names["ar"] == "العربية" and names["zh-Hans"].startswith("中文")
    )
    assert "set-cookie" not in response.headers


def test_the_page_is_cached_by_etag(anonymous):
    first = anonymous.get("/ne/")
    etag = first.headers["etag"]
    again = anonymous.get("/ne/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    assert anonymous.get("/ne/", headers={"If-None-Match": '"other"'}).status_code == 200


def test_unknown_languages_are_not_found_and_a_bare_code_gets_its_slash(anonymous):
    assert anonymous.get("/xx/").status_code == 404
    assert anonymous.get("/tl/").status_code == 404
    response = anonymous.get("/am", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/am/"
    assert anonymous.get("/zh_Hans/").status_code == 404  # the URL form is zh-Hans


def test_the_page_says_the_host_country_facts_in_the_readers_locale(anonymous):
    text = _soup(anonymous.get("/fr/")).get_text(" ")
    # French formats the amount its own way; the figure comes from the policy, not the text.
    assert re.search(r"1\s?200,00\s?CHF", text), "the minimum wage, formatted for French"
    assert "45" in text


def test_the_page_says_everything_recommendations_36_to_45_ask_for(anonymous):
    # Issue 6's list, in English (each language's text is checked against it by the catalog
    # tests and the leaflet text tests): rights, the interview, warning signs, no punishment,
    # help day and night, the language of the host country.
    soup = _soup(anonymous.get("/en/"))
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    for heading in (
        "Help, day and night",
        "Your rights",
        "The interview",
        "Warning signs of trafficking and forced labour",
        "You will not be punished for asking for help",
        "Where to get help",
        "Learn the language",
    ):
        assert heading in headings
    text = " ".join(soup.get_text(" ").split())
    for fact in (
        "Your contract is in a language you understand.",
        "Your pay is at least CHF",  # the minimum wage, from the policy
        "Your pay goes into a bank account in your own name.",
        "You work at most 45 hours a week.",
        "day off each week",
        "weeks of paid holiday each year",
        "You keep your own passport.",
        "You keep your own phone.",
        "In your free time, you may go out freely.",
        "You have your own room.",
        "You come alone.",
        "You cannot be punished for asking for help.",
        "Your own country's embassy or consulate can also help you.",
        "Ask us or a help organisation about language courses.",
    ):
        assert fact in text, fact
    # The places to call, with the languages each speaks: police, hotline, mediation, NGOs.
    urgent = soup.find("section", class_="urgent").get_text(" ")
    assert "117" in urgent and "+41 31 555 12 12" in urgent
    assert text.count("Languages spoken") >= 2
