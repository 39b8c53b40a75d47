"""Every domain's models, imported in one place for Alembic and the tests."""

from app.audit.models import AuditEntry
from app.auth.models import ApiToken, StaffUser
from app.db import Base
from app.registry.models import Contract, Employer, Mission, Worker, WorkerLanguage

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Contract",
    "Employer",
    "Mission",
    "StaffUser",
    "Worker",
    "WorkerLanguage",
]
