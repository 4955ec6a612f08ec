"""Writing to a stream without a task of its own, unless the write has to wait.

Under uvicorn (httptools or h11) an ASGI body `send` puts the bytes on the transport and returns
without ever suspending, unless the socket's buffer is above its high-water mark: then it waits
for the buffer to drain. So the fan-out runs each `send` coroutine by hand, one step: almost
always it finishes there and then, costing a function call instead of a task woken through the
event loop. Only a write that does wait is handed to a task, which carries it on from where it
stopped; the fan-out goes on to the next viewer meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Generator
from types import CoroutineType
from typing import Any

Message = dict[str, object]
Send = Callable[[Message], Awaitable[None]]


def write_now(send: Send, message: Message) -> asyncio.Task[None] | None:
    """Start `send(message)`: None once it has finished without waiting (an error it raised
    propagates), else the task finishing it."""
    coroutine = send(message)
    if type(coroutine) is not CoroutineType:  # an awaitable of some other kind: no shortcut
        return asyncio.ensure_future(_await(coroutine))
    try:
        waiting_on = coroutine.send(None)
    except StopIteration:
        return None
    return asyncio.ensure_future(_carry_on(coroutine, waiting_on))


async def _await(awaitable: Awaitable[None]) -> None:
    await awaitable


async def _carry_on(coroutine: Coroutine[Any, Any, None], waiting_on: object) -> None:
    await _Resumed(coroutine, waiting_on)


class _Resumed:
    """A coroutine already started by hand, as an awaitable: what it waits on goes to the task
    awaiting this, and what the task sends or throws back goes on to the coroutine (what
    `await` does for a coroutine that has not started yet)."""

    def __init__(self, coroutine: Coroutine[Any, Any, None], waiting_on: object) -> None:
        self.coroutine = coroutine
        self.waiting_on = waiting_on

    def __await__(self) -> Generator[Any, Any, None]:
        waiting_on = self.waiting_on
        while True:
            try:
                value = yield waiting_on
            except GeneratorExit:
                self.coroutine.close()
                raise
            except BaseException as e:
                try:
                    waiting_on = self.coroutine.throw(e)
                except StopIteration:
                    return
            else:
                try:
                    waiting_on = self.coroutine.send(value)
                except StopIteration:
                    return
