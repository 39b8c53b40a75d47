"""Staff browsers for the salary screens."""

from tests.web.conftest import browser_as

__all__ = ["browser_as"]
