"""Guards of the review server: which host it answers, the access token, CSRF, safe headers."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from discrepancy.errors import UsageError

# A token someone could guess in an afternoon is no protection for a server on the network;
# `secrets.token_urlsafe()` gives 43 characters.
MIN_TOKEN_LENGTH = 16
# Names a browser on this machine uses for a server bound to the loopback interface. Any
# other Host header is refused there: a web page that rebinds its own DNS name to 127.0.0.1
# would otherwise read the review pages from the editor's browser.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
# Sent with every response; HTML pages replace the Content-Security-Policy with one that
# also allows their own hashed inline script and style.
BASE_HEADERS: Mapping[str, str] = {
    "content-security-policy": (
        "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    # Pages show live review state; a cached copy would show decisions that were overtaken.
    "cache-control": "no-store",
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

ErrorPage = Callable[[HTTPConnection, int, str], Awaitable[Response]]


def is_loopback(host: str) -> bool:
    """Is this bind address reachable only from this machine?"""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token, or with a weak one."""
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise UsageError(
            f"the token is {len(token)} characters long; use at least {MIN_TOKEN_LENGTH}, e.g. "
            "DISCREPANCY_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe())')"
        )
    if token is None and not is_loopback(host):
        raise UsageError(
            f"--host {host} makes the review server reachable from other machines; give an "
            "access token with --token or the DISCREPANCY_TOKEN environment variable, or "
            "leave out --host to serve on 127.0.0.1 only"
        )


def host_name(host_header: str) -> str:
    """The host part of a Host header ("127.0.0.1:8000" -> "127.0.0.1", "[::1]:80" -> "[::1]")."""
    value = host_header.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Signer:
    """HMAC signatures for cookie values, with a key that lives as long as the process."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def sign(self, purpose: str, value: str) -> str:
        """value, a dot and its signature for this purpose."""
        return f"{value}.{self._mac(purpose, value)}"

    def unsign(self, purpose: str, signed: str | None) -> str | None:
        """The value if the signature is ours for this purpose, else None."""
        if not signed or "." not in signed:
            return None
        value, mac = signed.rsplit(".", 1)
        return value if hmac.compare_digest(mac, self._mac(purpose, value)) else None

    def _mac(self, purpose: str, value: str) -> str:
        message = f"{purpose}\n{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()


class Csrf:
    """Signed double-submit CSRF tokens: one per browser session, in a cookie and in each form.

    A page from another site can make the browser post a form here, cookies and all, but it
    can neither read the token out of our pages nor forge the cookie's signature, so the two
    copies it would have to send never match.
    """

    PURPOSE = "csrf"

    def __init__(self, signer: Signer, cookie: str) -> None:
        self.signer = signer
        self.cookie = cookie

    def token(self, connection: HTTPConnection) -> tuple[str, bool]:
        """This session's token, and whether it is new (so the cookie must be set)."""
        current = self.signer.unsign(self.PURPOSE, connection.cookies.get(self.cookie))
        if current:
            return current, False
        return secrets.token_urlsafe(32), True

    def set_cookie(self, response: Response, token: str) -> None:
        """Remember the token in a cookie scripts cannot read and other sites never send."""
        response.set_cookie(
            self.cookie, self.signer.sign(self.PURPOSE, token), httponly=True, samesite="strict"
        )

    def verify(self, connection: HTTPConnection, submitted: str | None) -> str | None:
        """Why a state-changing request must be refused, or None when it passes."""
        site = connection.headers.get("sec-fetch-site")
        if site in ("cross-site", "same-site"):
            return "the form was sent from another site"
        origin = connection.headers.get("origin")
        # Under the pages' no-referrer policy browsers send "Origin: null" with our own
        # forms, so null proves nothing either way; the token and Sec-Fetch-Site decide.
        if origin not in (None, "null") and not _same_origin(origin, connection):
            return "the form was sent from another origin"
        expected = self.signer.unsign(self.PURPOSE, connection.cookies.get(self.cookie))
        if expected is None:
            return "the session cookie is missing or was not issued by this server"
        if not submitted or not hmac.compare_digest(submitted.encode(), expected.encode()):
            return "the form's CSRF token does not match this session"
        return None


def _same_origin(origin: str, connection: HTTPConnection) -> bool:
    parts = urlsplit(origin)
    host = connection.headers.get("host", "")
    return parts.scheme == connection.url.scheme and parts.netloc.lower() == host.lower()


class Guard:
    """ASGI middleware: the Host check, the access token and the safe headers, for every request.

    Pure ASGI rather than BaseHTTPMiddleware, so that request bodies stream through untouched
    and the body-size limit keeps working.
    """

    TOKEN_PURPOSE = "discrepancy-access"

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        cookie: str,
        error_page: ErrorPage,
    ) -> None:
        self.app = app
        self.token = token
        self.cookie = cookie
        self.error_page = error_page
        # The cookie holds a digest of the token, not the token: it opens this server only.
        self._cookie_value = (
            hmac.new(token.encode(), self.TOKEN_PURPOSE.encode(), hashlib.sha256).hexdigest()
            if token
            else ""
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        refusal = self._refusal(connection)
        if refusal is None and self.token is not None:
            refusal = self._token_response(connection)
        if refusal is not None:
            await self._with_headers(refusal)(scope, receive, send)
            return
        await self.app(scope, receive, self._add_headers(send))

    def _refusal(self, connection: HTTPConnection) -> Response | None:
        # With a token the token is the protection; without one, only loopback names pass.
        if self.token is None and host_name(connection.headers.get("host", "")) not in (
            LOOPBACK_HOSTS
        ):
            return _Deferred(400, "This server answers only to 127.0.0.1 and localhost.")
        return None

    def _token_response(self, connection: HTTPConnection) -> Response | None:
        """None when the request carries the token; else a redirect or a refusal."""
        assert self.token is not None
        given = connection.query_params.get("token")
        if given is not None:
            if connection.scope["method"] not in SAFE_METHODS or not _equal(given, self.token):
                return _Deferred(401, "The access token is wrong.")
            # Set the cookie once and drop the token from the address bar and history.
            rest = [(k, v) for k, v in connection.query_params.multi_items() if k != "token"]
            target = connection.url.path + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.cookie, self._cookie_value, httponly=True, samesite="strict")
            return response
        authorization = connection.headers.get("authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and _equal(credentials.strip(), self.token):
            return None
        if _equal(connection.cookies.get(self.cookie, ""), self._cookie_value):
            return None
        return _Deferred(
            401,
            "This review server needs its access token: open the address with ?token=... "
            "that whoever started it gave you, or send the header Authorization: Bearer ...",
        )

    def _with_headers(self, response: Response) -> ASGIApp:
        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            final = response
            if isinstance(response, _Deferred):
                final = await self.error_page(HTTPConnection(scope), response.code, response.why)
                if response.code == 401:
                    final.headers["www-authenticate"] = 'Bearer realm="discrepancy"'
            await final(scope, receive, self._add_headers(send))

        return app

    @staticmethod
    def _add_headers(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in BASE_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        return wrapped


class _Deferred(Response):
    """A refusal whose page is rendered by the application's error page."""

    def __init__(self, code: int, why: str) -> None:
        super().__init__(status_code=code)
        self.code = code
        self.why = why


def _equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())
