"""The demo's referral directory: fictional organisations (the names of the policy's help
directory, numbers in the unassigned 555 range, example.* addresses)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import SYSTEM
from app.concerns.models import Organisation
from app.concerns.organisations import create_organisation
from app.concerns.schemas import OrganisationCreate

DIRECTORY: list[dict[str, Any]] = [
    {
        "kind": "mediation",
        "name": "Bureau de médiation pour le personnel domestique",
        "languages": ["fr", "en", "es", "pt"],
        "phone": "+41 22 555 31 31",
        "email": "mediation@bureau-mediation.example",
        "address": "Rue de l'Exemple 4, 1202 Genève",
    },
    {
        "kind": "labour_inspectorate",
        "name": "Office cantonal de l'inspection du travail",
        "languages": ["fr", "en"],
        "phone": "+41 22 555 54 54",
        "email": "inspection@travail-geneve.example",
        "address": "Place Imaginaire 2, 1204 Genève",
    },
    {
        "kind": "police",
        "name": "Police fédérale, unité traite des êtres humains",
        "languages": ["de", "fr", "it", "en"],
        "phone": "+41 31 555 71 71",
        "email": "traite@police-federale.example",
        "address": "Exempelgasse 3, 3003 Bern",
    },
    {
        "kind": "ngo",
        "name": "Association Solidarité Maison",
        "languages": ["am", "tl", "ti", "ar", "en", "fr", "es", "pt"],
        "phone": "+41 22 555 42 42",
        "email": "accueil@solidarite-maison.example",
        "address": "Chemin Fictif 12, 1205 Genève",
    },
    {
        "kind": "ngo",
        "name": "Beratungsstelle Hausarbeit",
        "languages": ["de", "en", "hi", "ur", "bn", "ne", "ta", "id", "vi", "th"],
        "phone": "+41 31 555 43 43",
        "email": "beratung@beratung-hausarbeit.example",
        "address": "Beispielweg 7, 3011 Bern",
    },
    {
        # A shelter's address is kept secret, even from the directory.
        "kind": "shelter",
        "name": "Schutzhaus · Maison d'accueil",
        "languages": ["de", "fr", "en"],
        "phone": "+41 31 555 65 65",
        "email": "aufnahme@schutzhaus.example",
    },
    {
        "kind": "consulate",
        "name": "Consulate General of the Philippines (demo)",
        "languages": ["tl", "en"],
        "phone": "+41 22 555 80 80",
        "email": "welfare@ph-consulate.example",
        "address": "Avenue de Démonstration 9, 1202 Genève",
        "country": "PH",
    },
    {
        "kind": "ministry",
        "name": "Protocol, legal service",
        "languages": ["de", "fr", "it", "en"],
        "phone": "+41 31 555 20 21",
        "email": "legal@protocol.example",
        "outside_ministry": False,
    },
]


def seed_directory(session: Session) -> int:
    """The demo organisations, once (not when the directory has any entry)."""
    if session.scalar(select(Organisation.id).limit(1)) is not None:
        return 0
    for entry in DIRECTORY:
        data = OrganisationCreate.model_validate(entry).model_dump()
        create_organisation(session, data=data, actor=SYSTEM)
    return len(DIRECTORY)
