"""Every domain's models, imported in one place for Alembic and the tests."""

from app.accounts.models import SalaryAccount, SalaryDeposit
from app.audit.models import AuditEntry
from app.auth.models import ApiToken, FormSubmission, LoginAttempt, StaffSession, StaffUser
from app.concerns.models import Concern, ConcernEvent, Consent, Organisation, Referral
from app.db import Base
from app.departures.models import Departure
from app.interviews.models import (
    Absence,
    CalendarFeed,
    IdentityCard,
    Interpreter,
    Interview,
    InterviewLocation,
    InterviewOfficer,
    InterviewPlan,
    InterviewPlanItem,
    InterviewRecord,
    InterviewRoom,
)
from app.outbox.models import OutboxAttachment, OutboxMessage
from app.registry.models import Contract, Employer, Mission, Worker, WorkerLanguage

__all__ = [
    "Absence",
    "ApiToken",
    "AuditEntry",
    "Base",
    "CalendarFeed",
    "Concern",
    "ConcernEvent",
    "Consent",
    "Contract",
    "Departure",
    "Employer",
    "FormSubmission",
    "IdentityCard",
    "Interpreter",
    "Interview",
    "InterviewLocation",
    "InterviewOfficer",
    "InterviewPlan",
    "InterviewPlanItem",
    "InterviewRecord",
    "InterviewRoom",
    "LoginAttempt",
    "Mission",
    "Organisation",
    "OutboxAttachment",
    "OutboxMessage",
    "Referral",
    "SalaryAccount",
    "SalaryDeposit",
    "StaffSession",
    "StaffUser",
    "Worker",
    "WorkerLanguage",
]
