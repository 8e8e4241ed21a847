"""`dyads serve`: a local, read-only web app over the event database (JSON API and bundled pages)."""

from __future__ import annotations

from dyads.web.app import create_app

__all__ = ["create_app"]
