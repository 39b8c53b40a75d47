"""Every domain's models, imported in one place for Alembic and the tests."""

from app.audit.models import AuditEntry
from app.auth.models import ApiToken, FormSubmission, LoginAttempt, StaffSession, StaffUser
from app.db import Base
from app.registry.models import Contract, Employer, Mission, Worker, WorkerLanguage

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Contract",
    "Employer",
    "FormSubmission",
    "LoginAttempt",
    "Mission",
    "StaffSession",
    "StaffUser",
    "Worker",
    "WorkerLanguage",
]
