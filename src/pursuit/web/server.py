"""Serving an app with uvicorn on an address we bind first (so port 0 works and is printed)."""

from __future__ import annotations

import asyncio
import errno
import socket
import sys
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from pursuit.errors import PursuitError
from pursuit.web.live import direct

SWITCH_INTERVAL_S = 0.001
GRACEFUL_SHUTDOWN_S = 1  # live streams never end by themselves; don't wait for them


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port`; a port in use or an address this machine does not
    have is a PursuitError in one line ("port 8000 is in use; try --port 8001")."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise PursuitError(f"port {port} is in use; try --port {port + 1}") from None
        raise PursuitError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.listen(2048)  # connections made before uvicorn is up wait instead of being refused
    sock.set_inheritable(True)
    return sock


def serve(app: FastAPI, sock: socket.socket, announce: Callable[[str], None]) -> None:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    announce(f"pursuit serving on http://{shown}:{port}/ (Ctrl+C to stop)")
    # The event loop thread fans updates out to every live stream while operators' writes run
    # in worker threads: hand the interpreter over every millisecond, not every five, so a
    # write is not kept waiting behind a long fan-out.
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    config = uvicorn.Config(
        app,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        log_level="warning",
        access_log=False,
        lifespan="on",
        http=http_protocol(),
    )
    uvicorn.Server(config).run(sockets=[sock])


def http_protocol() -> type[asyncio.Protocol] | str:
    """`uvicorn.Config`'s `http`: its httptools protocol that hands live streams their
    transport (`live.direct`), or uvicorn's default where that is not available."""
    return direct.protocol_class() or "auto"
