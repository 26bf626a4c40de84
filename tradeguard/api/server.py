"""Running the app with uvicorn (``tradeguard serve``)."""

from __future__ import annotations


def serve(
    host: str = "127.0.0.1", port: int = 8000, workers: int = 1, log_level: str = "info"
) -> None:
    import uvicorn

    uvicorn.run(
        "tradeguard.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        access_log=False,
        timeout_keep_alive=30,
    )
