"""Live stream bodies written straight to the viewer's socket, when the server allows it.

With a thousand viewers, an ASGI `send` per viewer per update is most of the fan-out's cost:
a coroutine made and run, the response state checked, the chunk framing built again for each.
Here the frame is chunk-framed once per update (`chunk_of`) and written to each viewer's
transport with one `transport.write`, nothing else.

uvicorn does not give the transport to the application, so `serve` runs uvicorn with
`DirectProtocol`, its httptools protocol plus one thing: every HTTP request's scope carries a
`DirectBody` under `scope["extensions"][EXTENSION]`. A stream uses it only when it is there;
under any other server (or a test's in-process client) the bodies go through ASGI `send` as
before (`live.writes`). The headers and the opening always go through ASGI `send`, and so does
the end of the response (the last chunk) when the server shuts down, so uvicorn's own state of
the response (started, chunked, complete, keep-alive) stays right: only the body chunks in
between skip it, and `write` checks that state before each.

Flow control is the transport's: once its buffer passes the high-water mark, uvicorn's
protocol is told to pause writing, and `DirectBody.paused` says so; the fan-out then writes
nothing to that viewer and keeps one merged update for it, written when the protocol is told
to resume (`on_writable`). A viewer stalled too long is `abort`ed: the connection is dropped,
uvicorn sees a disconnected client and the stream ends without an error in the log.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

EXTENSION = "pursuit.direct_body"


class DirectBody:
    """One HTTP response's body chunks, written to its transport directly (loop thread only)."""

    __slots__ = ("_cycle", "_flow", "on_shutdown", "on_writable", "transport")

    def __init__(self, transport: asyncio.Transport, cycle: Any, flow: Any) -> None:
        self.transport = transport
        self._cycle = cycle  # uvicorn's RequestResponseCycle for this request
        self._flow = flow  # uvicorn's FlowControl of the connection
        self.on_writable: Callable[[], None] | None = None  # the buffer drained below the mark
        self.on_shutdown: Callable[[], None] | None = None  # the server is stopping

    @property
    def usable(self) -> bool:
        """Whether body chunks may be written here: the response is started, chunked, not HEAD,
        not complete, and the client is still there."""
        cycle = self._cycle
        return bool(
            cycle.response_started
            and cycle.chunked_encoding
            and not cycle.response_complete
            and not cycle.disconnected
            and cycle.scope.get("method") != "HEAD"
        )

    @property
    def paused(self) -> bool:
        """The transport's buffer is above its high-water mark: write nothing until it drains."""
        return bool(self._flow.write_paused)

    def write(self, chunk: bytes) -> bool:
        """Put `chunk` (already chunk-framed) on the wire; False if the viewer is gone."""
        if self._cycle.disconnected or self.transport.is_closing():
            return False
        self.transport.write(chunk)
        return True

    def abort(self) -> None:
        """Drop the connection at once (what is buffered is lost): for a stalled viewer."""
        self.transport.abort()


_last: tuple[bytes, bytes] = (b"", b"0\r\n\r\n")


def chunk_of(body: bytes) -> bytes:
    """`body` framed as one HTTP/1.1 chunk; the last one is remembered, since the fan-out
    frames the same body for every viewer in turn."""
    global _last
    if _last[0] is body:
        return _last[1]
    chunk = b"%x\r\n%b\r\n" % (len(body), body)
    _last = (body, chunk)
    return chunk


def protocol_class() -> type[asyncio.Protocol] | None:
    """uvicorn's httptools protocol with `DirectBody` in each scope (for `uvicorn.Config`'s
    `http`); None without httptools (uvicorn's default then, and bodies go through `send`)."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover - httptools is a dependency of uvicorn[standard]
        return None

    class DirectProtocol(HttpToolsProtocol):
        """Adds the transport (as a `DirectBody`) to each request's scope; tells it when the
        buffer drains and when the server shuts down. Nothing else changes."""

        def on_headers_complete(self) -> None:
            super().on_headers_complete()
            cycle = self.cycle
            # the cycle made for this request (an upgrade makes none): its task has not run yet
            if cycle is not None and cycle.scope is self.scope:
                body = DirectBody(self.transport, cycle, self.flow)
                extensions: dict[str, Any] = self.scope.setdefault("extensions", {})
                extensions[EXTENSION] = body
                self._direct = body

        def resume_writing(self) -> None:
            super().resume_writing()
            body: DirectBody | None = getattr(self, "_direct", None)
            if body is not None and body.on_writable is not None:
                body.on_writable()

        def shutdown(self) -> None:
            super().shutdown()
            body: DirectBody | None = getattr(self, "_direct", None)
            if body is not None and body.on_shutdown is not None:
                body.on_shutdown()

    return DirectProtocol
