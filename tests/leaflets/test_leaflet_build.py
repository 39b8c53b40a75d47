"""`hestia leaflets build`: every leaflet of the languages asked for, in both sizes, alone and
beside the first official language, each drawing written as A4 and as A5."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.config import get_policy
from app.errors import NotFound
from app.leaflets import service
from app.leaflets.content import rights_text
from app.leaflets.service import LeafletKey
from app.pdf import render as pdf
from app.pdf.sizes import POINTS_PER_MM

PAGE_MM = {"a4": (210, 297), "a5": (148, 210)}


def _hestia(var_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "leaflets", "build", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HESTIA_VAR_DIR": str(var_dir), "HESTIA_PDF_WORKERS": "2"},
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    var_dir = tmp_path_factory.mktemp("var")
    result = _hestia(var_dir, "--language", "am", "--language", "AR")  # any case
    assert result.returncode == 0, result.stderr
    return var_dir, result.stdout


def test_the_build_makes_eight_leaflets_for_two_languages_and_their_pictures(built):
    var_dir, said = built
    # The progress bar (its label alone when the output is not a terminal), then the total.
    assert said.startswith("Rendering leaflets")
    assert "8 leaflets and 2 pictures of first pages" in said
    names = sorted(path.name for path in (var_dir / "leaflets").rglob("*.pdf"))
    assert names == sorted(
        f"{locale}{beside}-{size}.pdf"
        for locale in ("am", "ar")
        for beside in ("", "+de")
        for size in ("a4", "a5")
    )


@pytest.mark.parametrize("size", ["a4", "a5"])
@pytest.mark.parametrize("beside", [None, "de"])
def test_each_built_leaflet_has_its_size_its_language_and_its_words(built, size, beside):
    var_dir, _ = built
    key = LeafletKey("ar", size, beside)
    reader = PdfReader(io.BytesIO(next((var_dir / "leaflets").rglob(key.file_name)).read_bytes()))
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(
        tuple(mm * POINTS_PER_MM for mm in PAGE_MM[size]), abs=0.01
    )
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    found = re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in reader.pages))
    assert "+41315551212" in found
    if beside:
        assert re.sub(r"\s+", "", rights_text(get_policy(), "de").title.striptags()) in found


def test_a_built_a5_leaflet_is_the_one_a_reader_gets_when_it_is_not_built(built):
    var_dir, _ = built
    key = LeafletKey("am", "a5", "de")
    on_its_own = service.render_leaflet(key, get_policy())
    pdf.shutdown()
    assert next((var_dir / "leaflets").rglob(key.file_name)).read_bytes() == on_its_own.pdf


def test_a_language_we_have_no_leaflet_in_is_refused_by_name(tmp_path):
    result = _hestia(tmp_path, "--language", "am,xx", "--language", "de")
    assert result.returncode == 2
    said = " ".join(result.stderr.replace("│", " ").split())
    assert "No leaflet in xx, de" in said and "de: no leaflet of its own" in said
    assert "zh-Hans" in said
    assert not (tmp_path / "leaflets").exists()


def test_the_service_names_the_languages_it_does_not_know():
    assert service.locales_named(["zh-hans, AM", "ur"]) == {"zh_Hans", "am", "ur"}
    with pytest.raises(NotFound, match="No leaflet in klingon"):
        service.locales_named(["am", "klingon"])
    with pytest.raises(NotFound):
        list(service.all_keys(get_policy(), locales={"xx"}))
