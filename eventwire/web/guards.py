"""ASGI middleware that guards every request: body size limits, the token, security headers.

Written as plain ASGI (not Starlette's BaseHTTPMiddleware, which costs a task per request): each
wraps the app and looks at the request's scope, its body as it streams in, and the response's
first message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from http.cookies import SimpleCookie
from typing import Any, Awaitable, Callable
from urllib.parse import parse_qsl, urlencode

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "eventwire_token"

# Nothing but the dashboard's own files: no inline script, no other origin, no framing.
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


async def send_error(send: Send, status: int, code: str, detail: str,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """An error as the API gives it: ``{"detail": ..., "code": ...}``."""
    body = json.dumps({"detail": detail, "code": code}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse a request body over its limit with 413, before the app reads it whole:
    ``limit_for(path)`` bytes, by the declared length or as the body streams in."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app, self.limit_for = app, limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _too_large(send, limit)
        received, state = 0, {"started": False, "refused": False}

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit and not state["refused"]:
                state["refused"] = True  # answer now; the app sees the client go away
                if not state["started"]:
                    await _too_large(send, limit)
            return {"type": "http.disconnect"} if state["refused"] else message

        async def tracked(message: Message) -> None:
            if state["refused"]:
                return  # the 413 has been sent
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except Exception:
            if not state["refused"]:
                raise


async def _too_large(send: Send, limit: int) -> None:
    await send_error(send, 413, "too_large", f"request body over {limit:,} bytes")


class TokenCheck:
    """With a token set, every request must carry it: ``Authorization: Bearer TOKEN``, the
    cookie a browser gets by opening any page once with ``?token=TOKEN``, or that parameter."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token.encode()
        # the cookie holds a digest of the token: any token text makes a valid cookie value
        self.cookie = hashlib.sha256(b"eventwire-cookie:" + self.token).hexdigest()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        given = _query_token(scope)
        if given is not None and self._ok(given) and scope["method"] == "GET" \
                and not scope["path"].startswith("/api/"):
            return await self._remember(scope, send)
        if self._ok(given or _header_token(scope) or "") or hmac.compare_digest(
                _cookie_token(scope) or "", self.cookie):
            return await self.app(scope, receive, send)
        await send_error(send, 401, "unauthorized",
                         "this server needs its token: send 'Authorization: Bearer TOKEN', or "
                         "open a page once with ?token=TOKEN",
                         [(b"www-authenticate", b"Bearer")])

    def _ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token)

    async def _remember(self, scope: Scope, send: Send) -> None:
        """A page opened with ?token=: set the cookie and reload without the token in the URL."""
        rest = [(k, v) for k, v in parse_qsl(scope["query_string"].decode("latin-1"))
                if k != "token"]
        location = scope["path"] + ("?" + urlencode(rest) if rest else "")
        cookie = f"{TOKEN_COOKIE}={self.cookie}; HttpOnly; SameSite=Strict; Path=/"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode()),
                                (b"set-cookie", cookie.encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _query_token(scope: Scope) -> str | None:
    for key, value in parse_qsl(scope["query_string"].decode("latin-1")):
        if key == "token":
            return value
    return None


def _header_token(scope: Scope) -> str | None:
    value = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def _cookie_token(scope: Scope) -> str | None:
    raw = dict(scope["headers"]).get(b"cookie", b"").decode("latin-1")
    try:
        morsel = SimpleCookie(raw).get(TOKEN_COOKIE)
    except Exception:  # noqa: BLE001 - a malformed cookie header is no token
        return None
    return morsel.value if morsel else None


class SecurityHeaders:
    """Add ``SECURITY_HEADERS`` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []),
                                                  *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)


class DropEmptyParams:
    """On a page (not the API), a query parameter with no value (``?since=&quad=``, as an HTML
    form sends an empty field) is left out, as if it were not given."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = scope["type"] == "http" and not scope["path"].startswith("/api/")
        query = scope.get("query_string", b"") if page else b""
        if query:
            kept = [part for part in query.split(b"&") if part and not part.endswith(b"=")]
            scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)
