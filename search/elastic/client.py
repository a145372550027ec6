"""The connection to a cluster, and its failures told as the project's errors."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vanban.errors import BackendUnavailableError, StoreError, UsageError

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from vanban.settings import Settings

RETRY_STATUS = (429, 502, 503, 504)  # the cluster pushing back: retried with backoff, else E202


def connect(settings: "Settings") -> "Elasticsearch":
    """A client for the cluster the settings name, with their credentials and CA."""
    if not settings.es_url:
        raise UsageError("the elasticsearch backend needs --es-url or VANBAN_ES_URL")
    from elasticsearch import Elasticsearch

    options: dict[str, Any] = {"request_timeout": 30, "max_retries": 3, "retry_on_timeout": True}
    if settings.es_api_key:
        options["api_key"] = settings.es_api_key
    elif settings.es_user:
        # Encoded here as UTF-8: the client encodes a (user, password) pair as ASCII and
        # crashes on "mật khẩu".
        pair = f"{settings.es_user}:{settings.es_password or ''}".encode()
        options["basic_auth"] = base64.b64encode(pair).decode("ascii")
    if settings.es_ca:
        if not Path(settings.es_ca).is_file():
            raise UsageError(f"VANBAN_ES_CA {settings.es_ca}: no such CA certificate file")
        options["ca_certs"] = settings.es_ca
    return Elasticsearch(settings.es_url, **options)


def client_url(client: "Elasticsearch") -> str:
    nodes = client.transport.node_pool.all()
    return str(nodes[0].base_url) if nodes else "elasticsearch"


@contextmanager
def translated(url: str, doing: str) -> Iterator[None]:
    """Client failures as the project's errors: unreachable or overloaded -> E202 naming the URL."""
    from elasticsearch import ApiError, AuthenticationException, AuthorizationException, TransportError

    try:
        yield
    except (AuthenticationException, AuthorizationException) as exc:
        raise BackendUnavailableError(f"{url}: refused to {doing} ({exc.message})") from exc
    except ApiError as exc:
        if exc.meta.status in RETRY_STATUS:
            raise BackendUnavailableError(f"{url}: cannot {doing} ({exc.meta.status} {exc.message})") from exc
        raise StoreError(f"{url}: cannot {doing} ({exc.meta.status} {exc.message})") from exc
    except TransportError as exc:
        raise BackendUnavailableError(f"{url}: unreachable while trying to {doing} ({exc.message})") from exc
