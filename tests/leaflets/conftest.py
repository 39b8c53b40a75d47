"""Every leaflet rendered once for the whole run, in the real PDF workers, then checked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.config import get_policy
from app.leaflets import service
from app.leaflets.catalog import PUBLIC_LOCALES
from app.leaflets.service import LeafletKey
from app.pdf import render as pdf

# Besides every language in A4: the small size for the scripts that wrap hardest, and the
# two-language leaflets the issue names (Amharic beside French in A5, right-to-left beside
# left-to-right).
VARIANTS = (
    LeafletKey("km", "a5"),
    LeafletKey("my", "a5"),
    LeafletKey("ur", "a5"),
    LeafletKey("am", "a5", "fr"),
    LeafletKey("ar", "a4", "fr"),
    LeafletKey("zh_Hans", "a5", "fr"),
)
ALL_KEYS = (*(LeafletKey(locale) for locale in PUBLIC_LOCALES), *VARIANTS)


@pytest.fixture(scope="session")
def rendered() -> Iterator[dict[LeafletKey, pdf.Rendered]]:
    """Each leaflet of ALL_KEYS with what WeasyPrint logged; also put in the leaflet cache."""
    policy = get_policy()
    pool = pdf.get_pool()
    futures = {
        key: pool.submit(
            pdf.render_parts_here,
            service.leaflet_parts(key, policy),
            service.RENDER_VARIANTS[key.size],
            service.STYLESHEETS,
        )
        for key in ALL_KEYS
    }
    results = {key: future.result(timeout=300) for key, future in futures.items()}
    for key, result in results.items():
        service.cache.put(key, service.current_version(key), result.pdf)
    yield results
    pdf.shutdown()
