"""Who may write, and from where: the staff key, the staff session, cross-site form checks.

Writes need a staff key (VANBAN_API_KEY, or one of the labelled VANBAN_API_KEYS: the audit log
names the label of the key each write used). With no key configured, or one shorter than
MIN_KEY_LENGTH characters (too easy to guess), every write is refused (403): an office that forgot
to set one must not end up with an open upload form. A wrong or missing key is 401; a client that
sent MAX_FAILURES wrong keys within FAILURE_WINDOW seconds gets 429 until the oldest expires (by
the address the server sees: behind a reverse proxy, every client shares the proxy's).

- API clients send the key as ``X-API-Key`` on each request. The API never reads cookies, so a
  cross-site page (which cannot set that header) has nothing to ride on.
- A browser posts the key once to /login and gets a session cookie: an expiry, a nonce and the
  key's label, signed with HMAC under the key itself. The key never sits in the cookie, and
  changing (or removing) a key logs its sessions out.
- Every form carries a CSRF token: the HMAC, under a per-process secret, of a random value kept in
  an HttpOnly cookie. A cross-site page can neither read the cookie nor compute the token. When the
  browser sends Origin (or, failing that, Referer) it must name this very host — so a reverse
  proxy in front must pass the browser's Host header through (nginx: proxy_set_header Host $host).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.responses import Response

from vanban.settings import DEFAULT_KEY_LABEL, Settings

SESSION_COOKIE = "vanban_staff"
CSRF_COOKIE = "vanban_csrf"
SESSION_SECONDS = 12 * 3600
MIN_KEY_LENGTH = 16
MAX_FAILURES = 10
FAILURE_WINDOW = 15 * 60
_TRACKED_CLIENTS = 10_000  # beyond this many clients with failures, the oldest are forgotten

DISABLED = "uploads are disabled: set VANBAN_API_KEY on the server"


def _same(given: str, expected: str) -> bool:
    # compare_digest refuses str holding non-ASCII characters: compare their UTF-8 bytes
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def _short_labels(keys: dict[str, str]) -> list[str]:
    return sorted(label for label, key in keys.items() if len(key) < MIN_KEY_LENGTH)


def writes_allowed(settings: Settings) -> bool:
    keys = settings.staff_keys()
    return bool(keys) and not _short_labels(keys)


def writes_enabled(settings: Settings) -> dict[str, str]:
    """The staff keys by label; 403 when there is none, or one shorter than MIN_KEY_LENGTH."""
    keys = settings.staff_keys()
    if not keys:
        raise HTTPException(403, DISABLED)
    short = _short_labels(keys)
    if short:
        raise HTTPException(403, f"uploads are disabled: the staff key labelled {', '.join(short)} is shorter "
                                 f"than {MIN_KEY_LENGTH} characters, too easy to guess")
    return keys


class KeyAttempts:
    """Wrong keys per client address: past MAX_FAILURES in FAILURE_WINDOW seconds, 429."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str, now: float | None = None) -> None:
        now = now or time.monotonic()
        with self._lock:
            failures = self._failures.get(client)
            while failures and failures[0] <= now - FAILURE_WINDOW:
                failures.popleft()
            if failures is not None and not failures:
                del self._failures[client]
            elif failures and len(failures) >= MAX_FAILURES:
                wait = int(failures[0] + FAILURE_WINDOW - now) + 1
                raise HTTPException(429, f"too many wrong keys from this address: try again in {wait} s",
                                    headers={"Retry-After": str(wait)})

    def failed(self, client: str, now: float | None = None) -> None:
        with self._lock:
            if client not in self._failures and len(self._failures) >= _TRACKED_CLIENTS:
                self._failures.pop(next(iter(self._failures)))
            self._failures.setdefault(client, deque()).append(now or time.monotonic())


def client_of(request: Request) -> str:
    return request.client.host if request.client else "?"


def check_key(settings: Settings, given: str | None, request: Request | None = None) -> str:
    """The label of the staff key ``given``; 403 when writes are disabled, 429 when this client
    guessed too often, 401 when it is no key (the failure counted)."""
    keys = writes_enabled(settings)
    attempts: KeyAttempts | None = request.app.state.key_attempts if request is not None else None
    if attempts is not None:
        attempts.check(client_of(request))
    # Every key is compared, so the time taken does not tell which label came close.
    found = [label for label, key in keys.items() if _same(given or "", key)]
    if not given or not found:
        if attempts is not None:
            attempts.failed(client_of(request))
        raise HTTPException(401, "missing or wrong X-API-Key")
    return found[0]


def _sign(key: str, message: str) -> str:
    return hmac.new(key.encode(), message.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def new_session(settings: Settings, now: float | None = None, label: str = DEFAULT_KEY_LABEL) -> str:
    """A session token for a browser that just proved it holds the staff key labelled ``label``."""
    expires = int((now or time.time()) + SESSION_SECONDS)
    body = f"{expires}.{secrets.token_hex(16)}.{label.encode().hex()}"
    return f"{body}.{_sign(settings.staff_keys().get(label, ''), 'staff-session:' + body)}"


def staff_label(settings: Settings, request: Request, now: float | None = None) -> str | None:
    """The label of the key this browser logged in with, or None when it holds no valid session."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if token.count(".") != 3 or not writes_allowed(settings):
        return None
    body, _, signature = token.rpartition(".")
    expires, _, label_hex = body.split(".")
    try:
        label = bytes.fromhex(label_hex).decode()
    except ValueError:
        return None
    key = settings.staff_keys().get(label)
    if not key or not (expires.isascii() and expires.isdigit() and len(expires) <= 12) \
            or int(expires) < (now or time.time()):
        return None
    return label if _same(signature, _sign(key, "staff-session:" + body)) else None


def is_staff(settings: Settings, request: Request, now: float | None = None) -> bool:
    return staff_label(settings, request, now) is not None


def require_staff_session(settings: Settings, request: Request) -> str:
    """The session's key label; 403 when writes are disabled, 401 when this browser has not logged in."""
    writes_enabled(settings)
    label = staff_label(settings, request)
    if label is None:
        raise HTTPException(401, "staff login needed: enter the staff key first")
    return label


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


class Csrf:
    """Tokens for the forms of one running app (a restart asks people to reload their forms)."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def _token(self, cookie: str) -> str:
        return hmac.new(self._secret, cookie.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def issue(self, request: Request) -> tuple[str, str | None]:
        """(token for the form, new cookie value to set or None when the browser has one)."""
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) >= 32:
            return self._token(cookie), None
        cookie = secrets.token_urlsafe(32)
        return self._token(cookie), cookie

    def verify(self, request: Request, token: str | None) -> None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) < 32 or not token or not _same(token, self._token(cookie)):
            raise HTTPException(403, "the form has expired or came from another site: reload the page "
                                     "and send it again")


def check_same_origin(request: Request) -> None:
    """403 when the browser says the post comes from a page of another host."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return  # old browsers and some privacy settings send neither: the CSRF token still decides
    host = request.headers.get("host", "")
    if source == "null" or urlsplit(source).netloc.lower() != host.lower():
        raise HTTPException(403, "cross-site form posts are refused")
