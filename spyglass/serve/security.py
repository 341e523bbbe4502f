"""What keeps hostile text and strangers out: security headers, write tokens, same-origin writes."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spyglass.errors import SpyglassError

# No inline script or style anywhere: the pages load /static files only, so injected markup cannot run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Forbidden(SpyglassError):
    """A write without the token the server asks for, or from another site."""


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SecurityHeaders:
    """Adds the headers above to every response (a plain ASGI middleware: no per-request task overhead)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def check_write(request: Request, token: str | None, loopback: bool, given: str | None = None) -> None:
    """Refuse a write unless it comes from this site and, when a token is set or the server listens
    beyond loopback, carries the token (header `Authorization: Bearer T`, or a form field `token`)."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin.rstrip("/") != own:
            raise Forbidden(f"a write from {origin} was refused: writes must come from this site's own pages")
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise Forbidden("a cross-site write was refused: writes must come from this site's own pages")
    if token is None:
        if loopback:
            return
        raise Forbidden("writes are disabled: this server listens beyond loopback and has no token; "
                        "restart it with SPYGLASS_TOKEN set")
    auth = request.headers.get("authorization", "")
    offered = auth[7:] if auth.lower().startswith("bearer ") else given
    if not offered or not hmac.compare_digest(offered.encode(), token.encode()):
        raise Forbidden("this write needs the server's token: send `Authorization: Bearer TOKEN` "
                        "(or fill the token field of the form)")


def settings_of(request: Request) -> Any:
    return request.app.state
