"""The one HTTP server of a process: /healthz plus whatever webhook routes the transports serve."""

from __future__ import annotations

import logging

from aiohttp import web
from sqlalchemy import text

from claimwatch.storage.db import Database

log = logging.getLogger(__name__)


class HttpServer:
    """aiohttp on CLAIMWATCH_HTTP_PORT; port 0 picks a free port (tests)."""

    def __init__(self, db: Database, port: int, host: str = "0.0.0.0") -> None:
        self.db = db
        self.port = port
        self.host = host
        self.app = web.Application(client_max_size=2 * 1024 * 1024)
        self.app.router.add_get("/healthz", self.healthz)
        self._runner: web.AppRunner | None = None

    def add_routes(self, routes: list[web.RouteDef]) -> None:
        self.app.router.add_routes(routes)

    async def healthz(self, _request: web.Request) -> web.Response:
        """200 when the process serves and its database answers; 503 otherwise."""
        try:
            async with self.db.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception as exc:
            log.warning("health check: database unavailable: %s", type(exc).__name__)
            return web.json_response({"status": "degraded", "database": "unavailable"}, status=503)
        return web.json_response({"status": "ok", "database": "ok"})

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets if site._server else []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        log.info("HTTP server on port %s", self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
