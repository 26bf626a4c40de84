"""The REST API (FastAPI): ``tradeguard serve``; OpenAPI at ``/openapi.json``."""

from tradeguard.api.app import create_app

__all__ = ["create_app"]
