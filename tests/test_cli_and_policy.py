"""The `hestia` command on a fresh database, and the host-country policy files."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from pydantic import ValidationError

from app.config import DEFAULT_POLICY_FILE, Policy, get_policy, load_policy
from tests.conftest import new_database


def _hestia(url: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HESTIA_DATABASE_URL": url, **env},
        check=False,
    )


def test_upgrade_users_tokens_and_demo_on_a_fresh_database():
    url = new_database("cli")
    assert _hestia(url, "db", "upgrade").returncode == 0
    created = _hestia(
        url,
        "users",
        "create",
        "chief@ministry.example",
        "--role",
        "administrator",
        HESTIA_PASSWORD="a long enough passphrase",
    )
    assert created.returncode == 0, created.stderr
    short = _hestia(
        url, "users", "create", "x@ministry.example", "--role", "viewer", HESTIA_PASSWORD="short"
    )
    assert short.returncode == 1
    assert "at least 12" in short.stderr
    token = _hestia(url, "tokens", "create", "chief@ministry.example")
    assert token.returncode == 0
    assert token.stdout.strip().startswith("hst_")
    assert len(token.stdout.strip().splitlines()) == 1
    demo = _hestia(url, "demo", HESTIA_PASSWORD="demo passphrase 1")
    assert demo.returncode == 0, demo.stderr
    assert "26 missions, 50 employers, 50 workers, 50 contracts loaded" in demo.stdout
    again = _hestia(url, "demo")
    assert "0 missions" in again.stdout


def test_the_default_policy_is_switzerlands_odpr():
    policy = get_policy()
    assert policy.host.country == "CH"
    assert policy.host.currency == "CHF"
    assert (policy.wage.minimum, policy.wage.period, policy.wage.basis) == (
        Decimal("1200.00"),
        "month",
        "net",
    )
    assert policy.working_time.max_weekly_hours == 45
    assert policy.working_time.min_weekly_rest_days == Decimal("1.5")
    assert (policy.card.first_validity_months, policy.card.renewal_validity_months) == (3, 12)
    assert policy.card.reminder_offsets_days == [60, 30, 14]


@pytest.mark.parametrize(
    ("name", "period", "basis"), [("us.toml", "hour", "gross"), ("de.toml", "hour", "net")]
)
def test_other_host_countries_can_be_expressed(name, period, basis):
    policy = load_policy(DEFAULT_POLICY_FILE.parent / name)
    assert (policy.wage.period, policy.wage.basis) == (period, basis)


def test_a_policy_with_an_unknown_currency_or_bad_hours_is_refused():
    raw = get_policy().model_dump(mode="json")
    with pytest.raises(ValidationError, match="currency"):
        Policy.model_validate({**raw, "host": {**raw["host"], "currency": "XYZ1"}})
    with pytest.raises(ValidationError, match="end before"):
        Policy.model_validate({**raw, "office_hours": {"mon": ["17:00-08:00"]}})


def test_the_sqlite_database_folder_is_made_on_a_fresh_clone(tmp_path):
    url = f"sqlite:///{tmp_path / 'not' / 'there' / 'hestia.db'}"
    assert _hestia(url, "db", "upgrade").returncode == 0
    assert (tmp_path / "not" / "there" / "hestia.db").exists()


def test_a_database_not_migrated_is_said_in_one_line_without_a_traceback():
    url = new_database("empty")
    result = _hestia(url, "reminders", "run")
    assert result.returncode == 1
    assert "hestia db upgrade" in result.stderr
    assert "Traceback" not in result.stderr and "locals" not in result.stderr
