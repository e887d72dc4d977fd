"""Running the review server: a checked listening socket, uvicorn, a log without tokens."""

from __future__ import annotations

import logging
import re
import socket
import sys

from discrepancy.errors import UsageError
from discrepancy.review.security import check_bind
from discrepancy.review.server import DEFAULT_HOST, DEFAULT_PORT, create_app


class RedactToken(logging.Filter):
    """Keep the access token out of the access log when someone opens ?token=..."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            args[2] = re.sub(r"(?i)(token=)[^&\s]*", r"\1[redacted]", str(args[2]))
            record.args = tuple(args)
        return True


def bind(host: str, port: int) -> socket.socket:
    """A listening socket for host:port; UsageError when the address is taken or unknown."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise UsageError(f'cannot listen on host "{host}": {exc.strerror}') from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageError(
            f"cannot listen on {host}:{port} ({exc.strerror}); give another --port"
        ) from None
    return sock


def serve(
    db: str, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: str | None = None
) -> None:
    """Run the review server until interrupted (Ctrl+C); errors before it starts: UsageError."""
    import uvicorn

    check_bind(host, token)
    sock = bind(host, port)
    port = sock.getsockname()[1]
    try:
        app = create_app(db, token=token, port=port)
    except BaseException:
        sock.close()
        raise
    config = uvicorn.Config(
        app, host=host, port=port, log_level="info", server_header=False,
        proxy_headers=False, timeout_graceful_shutdown=5,
    )  # fmt: skip
    logging.getLogger("uvicorn.access").addFilter(RedactToken())
    shown = f"[{host}]" if ":" in host else host
    where = f"http://{shown}:{port}/"
    sys.stderr.write(
        f"Reviewing store {db} at {where}"
        + (" (open it once with ?token=YOUR_TOKEN)" if token else "")
        + "\n"
    )
    uvicorn.Server(config).run(sockets=[sock])
