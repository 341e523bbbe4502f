"""The gate every request passes before a handler runs: the Host header, the body's size, and writes
refused on their headers alone, before their body is read.

DNS rebinding: a web page on attacker.example can make its own name resolve to 127.0.0.1 and then
read and write a loopback server as if it were same-origin. The browser still sends
`Host: attacker.example`, so a loopback server answers only requests addressed to a loopback name,
and a server listening elsewhere only those addressed to a name it was given (`--allowed-host`).
"""

from __future__ import annotations

import ipaddress
import json
import re
from typing import Iterable

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spyglass.serve.security import Forbidden, check_write

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
# the writes: their headers are checked before the body is read (a refused upload is never read whole)
_WRITES = re.compile(r"^/(api/ingest|api/judgements|upload|cases/[^/]+/judgements)/?$")
# writes whose token can only come in a header (the pages' forms may carry it in the body instead)
_HEADER_TOKEN = re.compile(r"^/api/")


def host_name(header: str) -> str:
    """The name in a Host header, without its port, lower case ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(header: str, allowed: Iterable[str]) -> bool:
    name = host_name(header)
    names = {a.strip().lower().strip("[]") for a in allowed}
    if name in names:
        return True
    if "localhost" in names or "127.0.0.1" in names:
        try:  # any loopback address (127.0.0.2, ::1) is as local as 127.0.0.1
            return ipaddress.ip_address(name).is_loopback
        except ValueError:
            return name.endswith(".localhost")  # RFC 6761: always the local machine
    return False


class Gate:
    """A plain ASGI middleware: Host check, request size cap while reading, early write refusal."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str], max_request_bytes: int,
                 token: str | None, loopback: bool):
        self.app = app
        self.allowed = tuple(allowed_hosts)
        self.cap = max_request_bytes
        self.token = token
        self.loopback = loopback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if not host_allowed(headers.get("host", ""), self.allowed):
            await refuse(send, 421, "wrong_host", "this server answers only requests addressed to "
                         f"{', '.join(self.allowed)}; start it with --allowed-host NAME to add a name")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.cap:
            await refuse(send, 413, "too_large", f"the request is larger than {self.cap:,} bytes; send smaller "
                         "or fewer files")
            return
        path = scope.get("path", "")
        if scope.get("method") == "POST" and _WRITES.match(path):
            try:
                early_check(Request(scope), self.token, self.loopback, header_only=bool(_HEADER_TOKEN.match(path)))
            except Forbidden as exc:
                await refuse(send, 403, "forbidden", str(exc))
                return
        await self._capped(scope, receive, send)

    async def _capped(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app, counting the body as it is read: past the cap the app sees a disconnected client
        (never the rest of the body) and whatever it answers becomes a 413."""
        state = {"seen": 0, "over": False, "answered": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > self.cap:
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def sending(message: Message) -> None:
            if state["over"]:
                if message["type"] == "http.response.start" and not state["answered"]:
                    state["answered"] = True
                    await refuse(send, 413, "too_large", f"the request is larger than {self.cap:,} bytes; "
                                 "send smaller or fewer files")
                return
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except Exception:
            if not state["over"]:
                raise
            if not state["answered"]:
                await refuse(send, 413, "too_large", f"the request is larger than {self.cap:,} bytes")


def early_check(request: Request, token: str | None, loopback: bool, header_only: bool) -> None:
    """What check_write can decide from the headers: the origin, writes switched off, and a missing or
    wrong token where it can only come in a header."""
    if token is None or header_only:
        check_write(request, token, loopback)
    else:
        check_write(request, None, True)  # origin only; the form's token field is checked by the handler


async def refuse(send: Send, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
