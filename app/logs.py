"""Logging set-up: no personal data in the logs.

Query strings carry what staff searched for (names); access lines keep the path only. Our own
log calls never pass names, passport numbers, phones or addresses.
"""

from __future__ import annotations

import logging


class DropQueryString(logging.Filter):
    """Uvicorn's access line, with the query string cut from the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            if isinstance(args[2], str):
                args[2] = args[2].split("?", 1)[0]
            record.args = tuple(args)
        return True


def configure(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("uvicorn.access").addFilter(DropQueryString())
