"""Settings (environment, HESTIA_*) and the host-country policy (a TOML file)."""

from __future__ import annotations

import datetime as dt
import secrets
import tomllib
import zoneinfo
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLICY_FILE = Path(__file__).resolve().parent / "policies" / "ch.toml"


class Settings(BaseSettings):
    """Everything a deployment sets through the environment (prefix HESTIA_) or `.env`."""

    model_config = SettingsConfigDict(env_prefix="HESTIA_", env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'hestia.db'}"
    # Key for encrypting identifiers at rest and for keyed hashes; 32 random bytes, base64.
    # When unset, a key is created once in var/secret.key (fine for the demo, not production).
    data_key: str | None = None
    policy_file: Path = DEFAULT_POLICY_FILE
    var_dir: Path = PROJECT_ROOT / "var"
    base_url: str = "http://127.0.0.1:8000"
    log_level: str = "INFO"
    session_idle_minutes: int = 30
    session_max_hours: int = 10
    # Outgoing mail (formal notes and reminders to missions).
    mail_from: str = "protocol@hestia.example"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    smtp_timeout: float = 10.0
    # PDF worker processes (app/pdf/render.py); None: one per core, at most 4.
    pdf_workers: int | None = Field(default=None, ge=1, le=64)

    def resolved_data_key(self) -> str:
        """The data key from the environment, or the one kept in var/secret.key."""
        if self.data_key:
            return self.data_key
        path = self.var_dir / "secret.key"
        if not path.exists():
            import base64

            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
            path.chmod(0o600)
        return path.read_text().strip()


class WagePeriod(StrEnum):
    month = "month"
    hour = "hour"


class WageBasis(StrEnum):
    net = "net"
    gross = "gross"


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HostPolicy(_Strict):
    country: str
    official_languages: list[str] = Field(min_length=1)
    working_languages: list[str] = Field(min_length=1)
    time_zone: str
    currency: str
    # The language of formal notes to missions; the first official language when not set.
    note_language: str = ""

    @model_validator(mode="before")
    @classmethod
    def _default_note_language(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("note_language"):
            languages = data.get("official_languages") or [""]
            return {**data, "note_language": languages[0]}
        return data

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if pycountry.countries.get(alpha_2=value.upper()) is None:
            raise ValueError(f"unknown ISO 3166 country code {value!r}")
        return value.upper()

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        if pycountry.currencies.get(alpha_3=value.upper()) is None:
            raise ValueError(f"unknown ISO 4217 currency {value!r}")
        return value.upper()

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        zoneinfo.ZoneInfo(value)
        return value


class WagePolicy(_Strict):
    minimum: Decimal = Field(gt=0)
    period: WagePeriod
    basis: WageBasis
    paid_in_host_currency: bool = True
    account_in_host_country: bool = True


class WorkingTimePolicy(_Strict):
    max_weekly_hours: Decimal = Field(gt=0, le=168)
    min_weekly_rest_days: Decimal = Field(ge=0, le=7)
    min_paid_leave_weeks: Decimal = Field(ge=0, le=52)
    min_public_holidays: int = Field(ge=0)
    minimum_age: int = Field(ge=14, le=30)


class CardPolicy(_Strict):
    first_validity_months: int = Field(ge=1, le=120)
    renewal_validity_months: int = Field(ge=1, le=120)
    renewal_window_days: int = Field(ge=1, le=365)
    reminder_offsets_days: list[int]

    @model_validator(mode="after")
    def _offsets(self) -> CardPolicy:
        if any(d <= 0 or d > self.renewal_window_days for d in self.reminder_offsets_days):
            raise ValueError("reminder offsets must lie inside the renewal window")
        return self


OfficeSpan = Annotated[str, Field(pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$")]


class HelpKind(StrEnum):
    """What a place in the help directory does for a worker."""

    hotline = "hotline"
    police = "police"
    mediation = "mediation"
    ngo = "ngo"
    labour_inspectorate = "labour_inspectorate"
    shelter = "shelter"
    ministry = "ministry"  # the protocol office itself, where the interviews are held


class HelpContact(_Strict):
    """One entry of the help directory shown to workers (public page and leaflets).

    Names, numbers and addresses are facts, never translated; the worker's language only
    changes the labels around them.
    """

    kind: HelpKind
    name: str = Field(min_length=1)
    phone: str = Field(pattern=r"^\+?[0-9 ]{3,20}$")
    # Shown at the top of the page and the leaflet, with the emergency numbers.
    urgent: bool = False
    always_open: bool = False
    hours: dict[str, list[OfficeSpan]] = Field(default_factory=dict)
    languages: list[str] = Field(default_factory=list)  # the languages spoken there
    address: str | None = None  # left out for a shelter, whose address is kept secret
    url: str | None = Field(default=None, pattern=r"^https://")

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        return _check_spans(value)


def _check_spans(value: dict[str, list[str]]) -> dict[str, list[str]]:
    for day, spans in value.items():
        if day not in _WEEKDAYS:
            raise ValueError(f"unknown weekday {day!r} (use {', '.join(_WEEKDAYS)})")
        for span in spans:
            start, end = (dt.time.fromisoformat(t) for t in span.split("-"))
            if start >= end:
                raise ValueError(f"office hours {span!r} end before they start")
    return value


class InterviewDurations(_Strict):
    """Default length of each kind of interview, in minutes."""

    pre_departure: int = Field(default=60, ge=10, le=480)
    arrival: int = Field(default=60, ge=10, le=480)
    renewal: int = Field(default=45, ge=10, le=480)
    welfare: int = Field(default=45, ge=10, le=480)
    departure: int = Field(default=30, ge=10, le=480)


class InterviewPolicy(_Strict):
    """How interviews are scheduled: durations, the gap after each, how far ahead to look."""

    durations_minutes: InterviewDurations = InterviewDurations()
    buffer_minutes: int = Field(default=15, ge=0, le=240)
    search_days: int = Field(default=90, ge=1, le=730)
    slot_step_minutes: int = Field(default=15, ge=5, le=240)


class ConcernPolicy(_Strict):
    """Following up concerns: how many days a mediation may go without moving before it is
    escalated."""

    mediation_deadline_days: int = Field(default=30, ge=1, le=365)


class Policy(_Strict):
    """One host country's rules: figures, languages and hours, never code."""

    name: str
    host: HostPolicy
    wage: WagePolicy
    working_time: WorkingTimePolicy
    card: CardPolicy
    office_hours: dict[str, list[OfficeSpan]]
    interviews: InterviewPolicy = InterviewPolicy()
    concerns: ConcernPolicy = ConcernPolicy()
    # Where a worker finds help: shown on the public page and in the leaflets.
    help: list[HelpContact] = Field(default_factory=list)

    @field_validator("office_hours")
    @classmethod
    def _hours(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for day, spans in value.items():
            if day not in _WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r} (use {', '.join(_WEEKDAYS)})")
            for span in spans:
                start, end = (dt.time.fromisoformat(t) for t in span.split("-"))
                if start >= end:
                    raise ValueError(f"office hours {span!r} end before they start")
        return value

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.host.time_zone)


def load_policy(path: Path) -> Policy:
    """Read and check a policy file."""
    with path.open("rb") as f:
        return Policy.model_validate(tomllib.load(f))


@lru_cache
def get_settings() -> Settings:
    return Settings()


@lru_cache
def get_policy() -> Policy:
    return load_policy(get_settings().policy_file)
