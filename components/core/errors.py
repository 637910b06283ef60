"""One clear, localised sentence for anything that goes wrong when calling a host."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pydantic import ValidationError

from components.core.calls import StreamInterrupted
from components.core.hosts import HOSTS_BY_ID, ResolvedHost, host_label
from components.core.outbound import AddressRefused
from components.core.settings import knob_sending
from components.i18n import UserError, translate

if TYPE_CHECKING:  # imported where an error is read (see hosts.import_sdk)
    import openai

log = logging.getLogger(__name__)

# Shapes of secrets worth hiding even when we don't know their value (an upstream may echo a key).
SECRET_SHAPES = re.compile(
    r"(sk-[A-Za-z0-9_\-]{6,}|hf_[A-Za-z0-9]{6,}|gh[pousr]_[A-Za-z0-9]{6,}|github_pat_[A-Za-z0-9_]{6,}"
    r"|Bearer\s+[A-Za-z0-9._\-]{6,}|eyJ[A-Za-z0-9._\-]{10,})"
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return SECRET_SHAPES.sub("***", text)


class RedactingFilter(logging.Filter):
    """Keeps secrets out of every log line: known values and anything shaped like a key. `secrets` is a list, or
    a function giving the current ones (keys a student types later are hidden from then on)."""

    def __init__(self, secrets: Iterable[str] | Callable[[], Iterable[str]] = ()):
        super().__init__()
        self.secrets = secrets if callable(secrets) else list(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        secrets = [s for s in (self.secrets() if callable(self.secrets) else self.secrets) if s and len(s) >= 6]
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = redact(message, secrets), None
        if record.exc_text:
            record.exc_text = redact(record.exc_text, secrets)
        record.exc_info = None  # the (redacted) text above is what gets printed
        return True


def _detail(error: openai.APIStatusError) -> tuple[str, str | None, str | None]:
    """(message, param, code) from an OpenAI-shaped error body, tolerant of other shapes."""
    body = error.body if isinstance(error.body, dict) else {}
    inner = body.get("error", body) if isinstance(body.get("error", body), dict) else body
    message = str(inner.get("message") or error.message or "")
    return message, inner.get("param"), inner.get("code")


def explain(
    error: BaseException, language: str, endpoint: ResolvedHost | None = None, secrets: Iterable[str] = ()
) -> str:
    """A sentence for the user; nothing in it comes from a secret."""
    text = _explain(error, language, endpoint)
    return redact(text, list(secrets) + ([endpoint.api_key] if endpoint and endpoint.api_key else []))


def _explain(error: BaseException, lang: str, endpoint: ResolvedHost | None) -> str:
    import openai

    host_id = endpoint.host if endpoint else ""
    host = host_label(host_id, lang) if host_id in HOSTS_BY_ID else translate("host.unknown", lang)
    if isinstance(error, StreamInterrupted):
        cause = error.__cause__ or error
        if isinstance(cause, openai.APIConnectionError):
            reason = translate("connection_broke", lang)
        else:
            reason = _explain(cause, lang, endpoint)
        return translate("interrupted", lang, reason=reason)
    if isinstance(error, UserError):
        details = dict(error.details)
        if "host" in details:  # hosts are named by id: show their label in the reader's language
            details["host"] = host_label(str(details["host"]), lang)
        return translate(error.key, lang, **details)
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "?"
        return translate("invalid_setting", lang, field=field, detail=first.get("msg", ""))
    if _is_azure_auth_error(error):
        return translate("azure_signin", lang)
    if endpoint is not None and endpoint.visitor and isinstance(error, openai.APIError):
        return _explain_visitor_url(error, lang, endpoint)
    if isinstance(error, openai.APITimeoutError):
        return translate("timeout", lang, host=host)
    if isinstance(error, openai.APIConnectionError):
        url = endpoint.shown_base_url if endpoint else "?"
        return translate("connection", lang, host=host, url=url)
    if isinstance(error, openai.APIStatusError):
        return _explain_status(error, lang, host, endpoint)
    log.exception("unexpected error calling a host", exc_info=error)
    return translate("unexpected", lang, kind=type(error).__name__)


def _explain_status(error: openai.APIStatusError, lang: str, host: str, endpoint: ResolvedHost | None) -> str:
    status = error.status_code
    message, param, code = _detail(error)
    if code == "content_filter":
        return translate("content_filter", lang, host=host)
    if code in ("unsupported_parameter", "unsupported_value") and param:
        return translate("unsupported_param", lang, param=param)
    if code == "context_length_exceeded":
        return translate("context_length", lang)
    if status == 401:
        var = endpoint.key_var if endpoint and endpoint.key_var else "API key"
        return translate("auth", lang, host=host, var=var)
    if status == 403:
        return translate("forbidden", lang, host=host)
    if status == 404:
        return translate("not_found", lang, host=host, model=endpoint.model if endpoint else "?")
    if status == 410:
        retired = endpoint is not None and HOSTS_BY_ID[endpoint.host].retired
        return translate("github_retired" if retired else "gone", lang, host=host)
    if status == 429:
        seconds = error.response.headers.get("retry-after") if error.response is not None else None
        wait = translate("wait_seconds", lang, seconds=seconds) if seconds else translate("wait_moment", lang)
        return translate("rate_limit", lang, host=host, wait=wait)
    if status >= 500:
        return translate("server_error", lang, host=host, status=status)
    if status == 400 and "image" in message.lower() and code not in ("invalid_image_url", "invalid_image_format"):
        return translate("no_vision", lang)
    if status == 400:
        return translate("bad_request", lang, host=host, detail=message[:300])
    return translate("status", lang, host=host, status=status, detail=message[:300])


def _explain_visitor_url(error: openai.APIError, lang: str, endpoint: ResolvedHost) -> str:
    """About an address a visitor typed: what they can fix, never what the far side said (its body text) nor
    how it failed (refused, timed out, reset: that would map ports and networks)."""
    import openai

    url = endpoint.shown_base_url
    if _caused_by(error, AddressRefused):
        return translate("address_refused", lang, url=url)
    if isinstance(error, openai.APIStatusError):
        if knob_sending(refused_parameter(error)) or error.status_code in (401, 404, 429):
            return _explain_status(error, lang, host_label(endpoint.host, lang), endpoint)
        return translate("visitor_status", lang, url=url, status=error.status_code)
    return translate("visitor_unreachable", lang, url=url)


def _caused_by(error: BaseException, kind: type) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def refused_parameter(error: BaseException) -> str | None:
    """The parameter a model refused ("unsupported_parameter"/"unsupported_value"), if that is the error."""
    import openai

    if isinstance(error, openai.APIStatusError):
        _, param, code = _detail(error)
        if code in ("unsupported_parameter", "unsupported_value") and param:
            return str(param)
    return None


def _is_azure_auth_error(error: BaseException) -> bool:
    try:
        from azure.core.exceptions import ClientAuthenticationError
    except ImportError:  # pragma: no cover - azure-identity is a dependency
        return False
    return _caused_by(error, ClientAuthenticationError)  # the SDK wraps the provider's failure
