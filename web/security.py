"""Who may write, and from where: the staff key, the staff session, cross-site form checks.

Writes need a staff key (VANBAN_API_KEY, or one of the labelled VANBAN_API_KEYS: the audit log
names the label of the key each write used). With no key configured every write is refused (403):
an office that forgot to set one must not end up with an open upload form. A wrong or missing key
is 401.

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
import time
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.responses import Response

from vanban.settings import DEFAULT_KEY_LABEL, Settings

SESSION_COOKIE = "vanban_staff"
CSRF_COOKIE = "vanban_csrf"
SESSION_SECONDS = 12 * 3600


DISABLED = "uploads are disabled: set VANBAN_API_KEY on the server"


def check_key(settings: Settings, given: str | None) -> str:
    """The label of the staff key ``given``; 403 when writes are disabled, 401 when it is no key."""
    keys = settings.staff_keys()
    if not keys:
        raise HTTPException(403, DISABLED)
    # Every key is compared, so the time taken does not tell which label came close.
    found = [label for label, key in keys.items()
             if hmac.compare_digest((given or "").encode(), key.encode())]
    if not given or not found:
        raise HTTPException(401, "missing or wrong X-API-Key")
    return found[0]


def _sign(key: str, message: str) -> str:
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def new_session(settings: Settings, now: float | None = None, label: str = DEFAULT_KEY_LABEL) -> str:
    """A session token for a browser that just proved it holds the staff key labelled ``label``."""
    expires = int((now or time.time()) + SESSION_SECONDS)
    body = f"{expires}.{secrets.token_hex(16)}.{label.encode().hex()}"
    return f"{body}.{_sign(settings.staff_keys().get(label, ''), 'staff-session:' + body)}"


def staff_label(settings: Settings, request: Request, now: float | None = None) -> str | None:
    """The label of the key this browser logged in with, or None when it holds no valid session."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if token.count(".") != 3:
        return None
    body, _, signature = token.rpartition(".")
    expires, _, label_hex = body.split(".")
    try:
        label = bytes.fromhex(label_hex).decode()
    except ValueError:
        return None
    key = settings.staff_keys().get(label)
    if not key or not expires.isdigit() or int(expires) < (now or time.time()):
        return None
    return label if hmac.compare_digest(signature, _sign(key, "staff-session:" + body)) else None


def is_staff(settings: Settings, request: Request, now: float | None = None) -> bool:
    return staff_label(settings, request, now) is not None


def require_staff_session(settings: Settings, request: Request) -> str:
    """The session's key label; 403 when writes are disabled, 401 when this browser has not logged in."""
    if not settings.staff_keys():
        raise HTTPException(403, DISABLED)
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
        return hmac.new(self._secret, cookie.encode(), hashlib.sha256).hexdigest()

    def issue(self, request: Request) -> tuple[str, str | None]:
        """(token for the form, new cookie value to set or None when the browser has one)."""
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) >= 32:
            return self._token(cookie), None
        cookie = secrets.token_urlsafe(32)
        return self._token(cookie), cookie

    def verify(self, request: Request, token: str | None) -> None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) < 32 or not token or not hmac.compare_digest(token, self._token(cookie)):
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
