"""Request limits: a body larger than the setting is refused with 413 before it is read whole."""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _TooLarge(HTTPException):
    """Raised from ``receive`` once the body passes the limit; an HTTPException, so that the
    app's handlers answer it even when a body parser catches other errors."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large(max_bytes))


def _too_large(max_bytes: int) -> str:
    return f"the request body is larger than {max_bytes} bytes; send less at a time"


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` (by header or as they stream).

    Args:
        app: the application to protect.
        max_bytes: the largest body accepted.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._refuse(send, 400, "bad request", "Content-Length is not a number")
                    return
                if declared > self.max_bytes:
                    await self._refuse_large(send)
                    return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await self._refuse_large(send)

    async def _refuse_large(self, send: Send) -> None:
        await self._refuse(
            send,
            413,
            "request too large",
            _too_large(self.max_bytes),
        )

    @staticmethod
    async def _refuse(send: Send, status: int, error: str, message: str) -> None:
        body: dict[str, Any] = {"error": error, "message": message, "details": None}
        payload = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
