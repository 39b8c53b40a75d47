"""Moved: concerns are their own domain now (app.concerns). Kept so older imports still work."""

from app.concerns.service import open_concern, open_concern_from

__all__ = ["open_concern", "open_concern_from"]
