"""Who may write, and from where: the staff key, the staff session, cross-site form checks.

Writes need the staff key (VANBAN_API_KEY). With no key configured every write is refused (403):
an office that forgot to set one must not end up with an open upload form. A wrong or missing key
is 401.

- API clients send the key as ``X-API-Key`` on each request. The API never reads cookies, so a
  cross-site page (which cannot set that header) has nothing to ride on.
- A browser posts the key once to /login and gets a session cookie: an expiry and a nonce signed
  with HMAC under the key itself. The key never sits in the cookie, and changing the key logs every
  session out.
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

from vanban.settings import Settings

SESSION_COOKIE = "vanban_staff"
CSRF_COOKIE = "vanban_csrf"
SESSION_SECONDS = 12 * 3600


def check_key(settings: Settings, given: str | None) -> None:
    """Raise 403 when writes are disabled, 401 when ``given`` is not the staff key."""
    if not settings.api_key:
        raise HTTPException(403, "uploads are disabled: set VANBAN_API_KEY on the server")
    if not given or not hmac.compare_digest(given.encode(), settings.api_key.encode()):
        raise HTTPException(401, "missing or wrong X-API-Key")


def _sign(key: str, message: str) -> str:
    return hmac.new(key.encode(), message.encode(), hashlib.sha256).hexdigest()


def new_session(settings: Settings, now: float | None = None) -> str:
    """A session token for a browser that just proved it holds the staff key."""
    expires = int((now or time.time()) + SESSION_SECONDS)
    body = f"{expires}.{secrets.token_hex(16)}"
    return f"{body}.{_sign(settings.api_key or '', 'staff-session:' + body)}"


def is_staff(settings: Settings, request: Request, now: float | None = None) -> bool:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not settings.api_key or token.count(".") != 2:
        return False
    body, _, signature = token.rpartition(".")
    expires = body.split(".", 1)[0]
    if not expires.isdigit() or int(expires) < (now or time.time()):
        return False
    return hmac.compare_digest(signature, _sign(settings.api_key, "staff-session:" + body))


def require_staff_session(settings: Settings, request: Request) -> None:
    """403 when writes are disabled, 401 when this browser has not logged in."""
    if not settings.api_key:
        raise HTTPException(403, "uploads are disabled: set VANBAN_API_KEY on the server")
    if not is_staff(settings, request):
        raise HTTPException(401, "staff login needed: enter the staff key first")


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
