"""`discrepancy serve`: editors review discrepancies in the browser; decisions go to the store."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlencode

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from discrepancy.report.formatting import format_date
from discrepancy.report.html_model import REVIEW_LABELS, STATUS_LABELS
from discrepancy.report.html_report import asset, environment, sha256_source
from discrepancy.review.data import (
    BUSY_TIMEOUT_S,
    CHANGES_SHOWN,
    KINDS,
    PAGE_SIZE,
    STATUSES,
    UI_DECISIONS,
    UNDO,
    VIEW_LABELS,
    Backend,
    Filters,
    Invalid,
    Mark,
    NotFound,
    State,
)
from discrepancy.review.navigation import neighbours, next_after
from discrepancy.review.security import BASE_HEADERS, Csrf, Guard, Signer
from discrepancy.store.rows import Decision
from discrepancy.store.sqlite import StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# A note is a sentence or a short paragraph; longer text is refused with 413 rather than cut.
NOTE_MAX = 2000
REVIEWER_MAX = 80
# Whole request bodies: a decision form is well under 1 KiB plus the note (up to 4 bytes per
# character in UTF-8, percent-encoded three times over).
BODY_MAX = 32 * 1024
# A reviewer who comes back after this long starts a new visit: "what changed since your last
# visit" then counts from where the previous visit ended.
VISIT_GAP_S = 30 * 60
# Cookies that outlive the browser session: the reviewer's name and visit mark.
REMEMBER_S = 365 * 24 * 3600
STATE_LABELS = {
    "new": "Unreviewed",
    "follow-up": "Needs follow-up",
    "confirmed": "Confirmed conflict",
    "false-alarm": "False alarm",
    "accepted": "Accepted",
}
DECISION_STATE = {
    "confirmed conflict": "confirmed",
    "false alarm": "false-alarm",
    "needs follow-up": "follow-up",
    "accepted": "accepted",
}
# The form fields that carry the queue's filters from page to page.
FILTER_FIELDS = ("view", "status", "kind", "incident", "q", "page")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

log = logging.getLogger("discrepancy.review.server")


@dataclass(frozen=True)
class Assets:
    """An inline stylesheet and script for a page, and the CSP that allows exactly them."""

    style: Markup
    script: Markup
    # The <meta> copy: frame-ancestors only works as a header, and browsers warn about it there.
    meta_csp: str
    header_csp: str


@functools.cache
def _assets(script_name: str) -> Assets:
    style = asset("_report.css") + "\n" + asset("_serve_review.css")
    script = asset(script_name)
    policy = (
        "default-src 'none'",
        f"script-src '{sha256_source(script)}'",
        f"style-src '{sha256_source(style)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'self'",
    )
    meta = "; ".join(policy)
    # Our own files, checked by asset for closing tags; no article text ever reaches these.
    return Assets(Markup(style), Markup(script), meta, meta + "; frame-ancestors 'none'")


def link(*parts: str, **query: str) -> str:
    """A server path from its parts, each quoted, with the non-empty query fields."""
    path = "/" + "/".join(quote(p, safe="") for p in parts)
    fields = {k: v for k, v in query.items() if v}
    return path + (f"?{urlencode(fields)}" if fields else "")


def clean_text(value: str, *, multiline: bool) -> str:
    """Newlines normalised, surrounding space dropped; Invalid on control characters."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _CONTROL.search(text) or (not multiline and ("\n" in text or "\t" in text)):
        raise Invalid("control characters are not allowed here")
    return unicodedata.normalize("NFC", text)


class ReviewApp:
    """The review application: routes over one store, its cookies and its pages."""

    def __init__(self, backend: Backend, *, port: int, token: str | None) -> None:
        self.backend = backend
        self.token = token
        # Cookies are per host, not per port: two servers on one machine must not share them.
        self.cookie = {
            name: f"discrepancy_{name}_{port}" for name in ("csrf", "token", "reviewer", "visit")
        }
        # The key is kept in the store: a form opened before a restart is still accepted.
        self.csrf = Csrf(Signer(backend.signing_key()), self.cookie["csrf"])

    # -- pages ------------------------------------------------------------------------------

    async def queue(self, request: Request) -> Response:
        """The queue of discrepancies to review, with filters and the changes since last visit."""
        filters = Filters.parse(request.query_params)
        state = await run_in_threadpool(self.backend.read)
        reviewer = self._reviewer(request)
        mark, visit = self._visit(request, state)
        items = state.queue(filters)
        pages = max(1, -(-len(items) // PAGE_SIZE))
        if filters.page > pages:
            raise NotFound(f"page {filters.page} of a queue of {pages} pages")
        changes = state.changes(mark, reviewer) if mark is not None else None
        incidents = sorted(
            {(i.found.incident, i.incident.label if i.incident else i.found.incident)
             for i in state.items()},
            key=lambda pair: pair[1].casefold(),
        )  # fmt: skip
        if filters.incident and filters.incident not in state.snapshot.incidents:
            raise NotFound(f'no incident "{filters.incident}" in the latest run of this store')
        if filters.incident and filters.incident not in {i for i, _ in incidents}:
            incidents.append((filters.incident, state.snapshot.incidents[filters.incident].label))
        return await self._page(
            request, "serve_queue.html", state, visit=visit,
            filters=filters, queue=items, changes=changes, first_visit=mark is None,
            page_items=items[(filters.page - 1) * PAGE_SIZE : filters.page * PAGE_SIZE],
            pages=pages, page_of=lambda n: link(**(filters.query() | {"page": str(n)})),
            new_since=set() if changes is None else {i.fingerprint for i in changes.new},
            incidents=incidents, all_open=len(state.snapshot.open),
            todo=sum(1 for i in state.items() if not i.settled),
            shown=CHANGES_SHOWN,
        )  # fmt: skip

    async def overview(self, request: Request) -> Response:
        """The batch overview: the report page itself, over every incident of the latest run."""
        state = await run_in_threadpool(self.backend.read)
        return await self._page(
            request, "serve_report.html", state, script="_report.js",
            report=await run_in_threadpool(self.backend.overview, state),
        )  # fmt: skip

    async def incident(self, request: Request) -> Response:
        """One incident: its discrepancies with their review state, matrix, chart and sources."""
        state = await run_in_threadpool(self.backend.read)
        incident = await run_in_threadpool(state.incident, request.path_params["incident"])
        items = [state.item(d) for d in state.snapshot.open if d.incident == incident.id]
        return await self._page(
            request, "serve_incident.html", state, incident=incident, items=items,
            filters=Filters(),
        )  # fmt: skip

    async def discrepancy(self, request: Request) -> Response:
        """One discrepancy: the sentences behind it, the decision form and its audit trail."""
        filters = Filters.parse(request.query_params)
        state = await run_in_threadpool(self.backend.read)
        item = state.find(request.path_params["fingerprint"])
        if item.incident is not None:
            # The incident with review badges, and the fact's row from it.
            item = state.item(
                item.found, await run_in_threadpool(state.incident, item.found.incident)
            )
        queue = state.queue(filters)
        before, after, position = neighbours(queue, item.fingerprint)
        return await self._page(
            request, "serve_discrepancy.html", state, item=item, filters=filters,
            history=state.history(item.fingerprint), before=before, after=after,
            position=position, queue_length=len(queue), incident=item.incident,
        )  # fmt: skip

    # -- actions ----------------------------------------------------------------------------

    async def decide(self, request: Request) -> Response:
        """Record a decision (append-only); then the next discrepancy in the queue."""
        form = await self._form(request)
        fingerprint = request.path_params["fingerprint"]
        decision = _one(form, "decision")
        if decision not in UI_DECISIONS and decision != UNDO:
            choices = ", ".join(f'"{d}"' for d in UI_DECISIONS)
            raise Invalid(f'decision "{decision}" is not one of {choices}')
        reviewer = clean_text(_one(form, "reviewer"), multiline=False)
        if not reviewer:
            raise Invalid("give the reviewer's name: decisions are signed")
        if len(reviewer) > REVIEWER_MAX:
            raise Invalid(f"the reviewer's name is longer than {REVIEWER_MAX} characters")
        note = clean_text(_one(form, "note"), multiline=True)
        if len(note) > NOTE_MAX:
            raise HTTPException(
                413, f"the note has {len(note):,} characters; the limit is {NOTE_MAX:,}"
            )
        filters = Filters.parse({k: _one(form, k) for k in FILTER_FIELDS})
        after = _one(form, "after") or "next"
        if after not in ("next", "incident", "same"):
            raise Invalid(f'after "{after}" is not one of next, incident, same')
        if decision == "confirmed conflict":
            status = (await run_in_threadpool(self.backend.read)).find(fingerprint).found.status
            if status != "conflict":
                raise Invalid(f"a {status} is not a conflict: it cannot be a confirmed conflict")
        if decision == UNDO:
            recorded = await run_in_threadpool(self.backend.undo, fingerprint, reviewer)
            after = "same"
        else:
            recorded = await run_in_threadpool(
                self.backend.decide, fingerprint, decision, reviewer, note or None
            )
        state = await run_in_threadpool(self.backend.read)
        item = state.find(fingerprint)
        if after == "incident":
            target = link("incidents", item.found.incident, recorded=str(recorded.id))
            target += f"#d-{item.fingerprint}"
        elif after == "same":
            target = link("discrepancies", fingerprint, **filters.query(),
                          recorded=str(recorded.id))  # fmt: skip
        else:
            following = next_after(state, filters, fingerprint)
            target = (
                link("discrepancies", following.fingerprint, **filters.query(),
                     recorded=str(recorded.id))
                if following is not None
                else link(**filters.query(), recorded=str(recorded.id))
            )  # fmt: skip
        response: Response
        if _wants_json(request):
            response = JSONResponse(
                {"id": recorded.id, "fingerprint": recorded.fingerprint,
                 "decision": recorded.decision, "reviewer": recorded.reviewer,
                 "note": recorded.note, "at": recorded.at, "next": target},
                status_code=201, headers={"location": target},
            )  # fmt: skip
        else:
            # 303: the browser follows with a GET, so a reload does not post the form again.
            response = Response(status_code=303, headers={"location": target})
        response.set_cookie(self.cookie["reviewer"], quote(reviewer, safe=""),
                            max_age=REMEMBER_S, httponly=True, samesite="strict")  # fmt: skip
        return response

    async def seen(self, request: Request) -> Response:
        """Mark everything so far as seen: "changes since your last visit" starts afresh."""
        form = await self._form(request)
        filters = Filters.parse({k: _one(form, k) for k in FILTER_FIELDS})
        state = await run_in_threadpool(self.backend.read)
        response = Response(status_code=303, headers={"location": link(**filters.query())})
        self._set_visit(response, state.mark, state.mark, time.time())
        return response

    async def baseline(self, request: Request) -> Response:
        """The current decisions as a baseline document, as `discrepancy baseline export`."""
        document = await run_in_threadpool(self.backend.baseline)
        return JSONResponse(document)

    async def health(self, request: Request) -> Response:
        """A cheap answer for scripts that wait for the server to be up."""
        return PlainTextResponse("ok\n")

    # -- errors -----------------------------------------------------------------------------

    async def error_page(self, connection: HTTPConnection, status: int, message: str) -> Response:
        """An error as a small page (or JSON for scripts), with the same safe headers."""
        if _wants_json(connection):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        assets = _assets("_serve_review.js")
        titles = {400: "Bad request", 401: "Access token needed", 403: "Refused",
                  404: "Not found", 405: "Method not allowed", 413: "Too large",
                  503: "Store busy"}  # fmt: skip
        html = await run_in_threadpool(
            environment().get_template("serve_error.html").render,
            status=status, title=titles.get(status, "Error"), message=message,
            csp=assets.meta_csp, style=assets.style, script=assets.script,
            link=link, authorized=status != 401,
        )  # fmt: skip
        response = HTMLResponse(html, status_code=status)
        # A 500 page leaves through Starlette's outermost middleware, past the Guard that
        # adds these to everything else.
        for name, value in BASE_HEADERS.items():
            response.headers[name] = value
        response.headers["content-security-policy"] = assets.header_csp
        return response

    async def on_error(self, request: Request, exc: Exception) -> Response:
        """Map what went wrong to a status: unknown ids 404, bad values 400, a busy store 503."""
        if isinstance(exc, HTTPException):
            response = await self.error_page(request, exc.status_code, str(exc.detail))
            if exc.status_code == 405 and exc.headers:
                response.headers.update(exc.headers)
            return response
        if isinstance(exc, NotFound):
            return await self.error_page(request, 404, str(exc.args[0]))
        if isinstance(exc, Invalid):
            return await self.error_page(request, 400, str(exc))
        if isinstance(exc, StoreError | sqlite3.OperationalError):
            log.warning("store error: %s", exc)
            response = await self.error_page(
                request, 503, "The store is busy (a check run is writing to it); try again."
            )
            response.headers["retry-after"] = "2"
            return response
        log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return await self.error_page(request, 500, "Something went wrong; the log says what.")

    # -- helpers ----------------------------------------------------------------------------

    async def _form(self, request: Request) -> FormData:
        """The posted form, size-limited, after the CSRF check (403 when it fails)."""
        # No file fields; parts as large as the whole body may be, so that an oversized note
        # reaches the 413 check below rather than the parser's generic 400.
        form = await request.form(max_files=0, max_fields=16, max_part_size=BODY_MAX)
        refusal = self.csrf.verify(request, _one(form, "csrf"))
        if refusal is not None:
            raise HTTPException(403, f"Refused: {refusal}. Reload the page and try again.")
        return form

    def _reviewer(self, connection: HTTPConnection) -> str | None:
        raw = connection.cookies.get(self.cookie["reviewer"])
        if not raw:
            return None
        try:
            name = clean_text(unquote(raw, errors="strict"), multiline=False)
        except (Invalid, UnicodeDecodeError):
            return None
        return name if 0 < len(name) <= REVIEWER_MAX else None

    def _visit(self, connection: HTTPConnection, state: State) -> tuple[Mark | None, str]:
        """The mark changes are counted from, and the visit cookie to send back."""
        now = time.time()
        mark: Mark | None = None
        seen: Mark | None = None
        active = 0.0
        parts = (connection.cookies.get(self.cookie["visit"]) or "").split(".")
        if len(parts) == 6 and parts[0] == "v1" and all(p.isdigit() for p in parts[1:]):
            numbers = [int(p) for p in parts[1:]]
            mark, seen = Mark(numbers[0], numbers[1]), Mark(numbers[2], numbers[3])
            active = float(numbers[4])
        if seen is not None and now - active > VISIT_GAP_S:
            # A new visit: what the previous one had seen becomes the mark.
            mark = seen
        return mark, _visit_value(mark or state.mark, state.mark, now)

    def _set_visit(self, response: Response, mark: Mark, seen: Mark, now: float) -> None:
        response.set_cookie(self.cookie["visit"], _visit_value(mark, seen, now),
                            max_age=REMEMBER_S, httponly=True, samesite="strict")  # fmt: skip

    @staticmethod
    def _recorded(request: Request, state: State) -> Decision | None:
        value = request.query_params.get("recorded", "")
        return state.decision(int(value)) if value.isdigit() and len(value) < 12 else None

    async def _page(
        self,
        request: Request,
        template: str,
        state: State,
        *,
        visit: str | None = None,
        script: str = "_serve_review.js",
        **context: Any,
    ) -> Response:
        token, fresh = self.csrf.token(request)
        assets = _assets(script)
        reviewer = self._reviewer(request)
        html = await run_in_threadpool(
            environment().get_template(template).render,
            csp=assets.meta_csp, style=assets.style, script=assets.script,
            csrf=token, reviewer=reviewer or "", link=link, state=state,
            review_labels=REVIEW_LABELS, status_labels=STATUS_LABELS,
            state_labels=STATE_LABELS, decision_state=DECISION_STATE, decisions=UI_DECISIONS,
            view_labels=VIEW_LABELS, statuses=STATUSES, kinds=KINDS, note_max=NOTE_MAX,
            reviewer_max=REVIEWER_MAX, path=request.url.path, at_text=at_text, page_size=PAGE_SIZE,
            recorded=self._recorded(request, state), **context,
        )  # fmt: skip
        response = HTMLResponse(html)
        response.headers["content-security-policy"] = assets.header_csp
        if fresh:
            self.csrf.set_cookie(response, token)
        if visit is None:
            # Every page counts as activity, so a long stretch on one incident is one visit.
            _, visit = self._visit(request, state)
        response.set_cookie(self.cookie["visit"], visit, max_age=REMEMBER_S,
                            httponly=True, samesite="strict")  # fmt: skip
        return response


def at_text(at: str) -> str:
    """A decision's UTC timestamp for people: "2025-03-05T09:12:00Z" -> "5 Mar 2025, 09:12 UTC"."""
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return f"{format_date(moment.date().isoformat())}, {moment:%H:%M} UTC"


def _visit_value(mark: Mark, seen: Mark, now: float) -> str:
    return f"v1.{mark.run}.{mark.decision}.{seen.run}.{seen.decision}.{int(now)}"


def _one(form: FormData | Mapping[str, Any], name: str) -> str:
    """A single text field ("" when absent); Invalid when repeated or a file."""
    values = form.getlist(name) if isinstance(form, FormData) else [form.get(name, "")]
    if len(values) > 1:
        raise Invalid(f'the field "{name}" is given {len(values)} times')
    value = values[0] if values else ""
    if not isinstance(value, str):
        raise Invalid(f'the field "{name}" must be text')
    return value


def _wants_json(connection: HTTPConnection) -> bool:
    accept = connection.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def create_app(
    db: str,
    *,
    token: str | None = None,
    port: int = DEFAULT_PORT,
    busy_timeout: float = BUSY_TIMEOUT_S,
) -> Starlette:
    """The review application over the store at db (which must exist and be current)."""
    backend = Backend(db, busy_timeout)
    backend.check()
    # Build the report once now: on a store of thousands of articles that takes seconds,
    # which the first reviewer should not wait for.
    backend.read()
    review = ReviewApp(backend, port=port, token=token)
    routes = [
        Route("/", review.queue, methods=["GET"]),
        Route("/report", review.overview, methods=["GET"]),
        Route("/incidents/{incident}", review.incident, methods=["GET"]),
        Route("/discrepancies/{fingerprint}", review.discrepancy, methods=["GET"]),
        Route(
            "/discrepancies/{fingerprint}/decisions",
            review.decide,
            methods=["POST"],
            max_body_size=BODY_MAX,
        ),
        Route("/seen", review.seen, methods=["POST"], max_body_size=BODY_MAX),
        Route("/baseline.json", review.baseline, methods=["GET"]),
        Route("/healthz", review.health, methods=["GET"]),
    ]
    handlers: dict[Any, Callable[..., Any]] = {
        Exception: review.on_error,
        HTTPException: review.on_error,
        NotFound: review.on_error,
        Invalid: review.on_error,
        StoreError: review.on_error,
        sqlite3.OperationalError: review.on_error,
    }
    middleware = [
        Middleware(Guard, token=token, cookie=review.cookie["token"], error_page=review.error_page),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
