"""Where a request enters: who is calling (the sealed session, the address, a sign-in) and in which language, and
the one boundary where any error becomes a clear, localised message (never a stack trace)."""

from __future__ import annotations

import functools
import html
import inspect

import gradio as gr

from components.classroom.access import Caller, current_caller, sealed_session, visitor_of
from components.classroom.playground import Playground
from components.core.errors import refused_parameter
from components.i18n import language_from_header


def language(request: gr.Request | None) -> str:
    headers = getattr(request, "headers", None) or {}
    return language_from_header(headers.get("accept-language"))


def session_of(request: gr.Request | None) -> str | None:
    """The key of this browser session's state: its session hash sealed with its identity cookie."""
    if request is None:
        return None
    cookies = getattr(request, "cookies", None) or {}
    return sealed_session(getattr(request, "session_hash", None), visitor_of(cookies))


def visitor_of_request(request: gr.Request | None) -> str:
    """The browser's identity cookie ("" without one): what the pages of one browser share."""
    return visitor_of(getattr(request, "cookies", None) or {}) if request is not None else ""


def fail(
    playground: Playground, error: BaseException, lang: str, host: str, model: str, request: gr.Request | None = None
) -> gr.Error:
    """The one boundary: any error becomes a clear, localised gr.Error (never a stack trace)."""
    param = refused_parameter(error)
    session = session_of(request)
    if param and session:  # read by this tab's "retry without" button
        place = (current_caller.get() or Caller()).place
        playground.refused.setdefault(session, {})[place] = param
    # gr.Error renders HTML: escape it, an upstream's message is not ours to trust.
    return gr.Error(html.escape(playground.explain(error, lang, host, model), quote=False), print_exception=False)


def caller_of(request: gr.Request | None, oauth_token=None, place: str = "", pace: float | None = None) -> Caller:
    """The sealed session, the socket's peer and the forwarded chain (the Playground reads the client's address
    from them as PLAYGROUND_TRUSTED_PROXIES says) and a Hugging Face sign-in."""
    if request is None:
        return Caller()
    headers = getattr(request, "headers", None) or {}
    peer = getattr(getattr(request, "client", None), "host", None)
    token = getattr(oauth_token, "token", None) or signed_in_token(request)
    return Caller(session_of(request), peer, token, place, headers.get("x-forwarded-for") or "", pace)


def signed_in_token(request: gr.Request) -> str | None:
    """The Hugging Face sign-in's token kept in the request's session (only where sign-in is on)."""
    try:  # Gradio's own reading of the session, as it injects gr.OAuthToken
        from gradio.helpers import _session_from_request
        from gradio.oauth import _get_valid_oauth_info_from_session

        info = _get_valid_oauth_info_from_session(_session_from_request(request))
    except Exception:  # no session middleware, no sign-in: nothing to read
        return None
    return (info or {}).get("access_token")


def as_caller(fn, place: str = "", pace: float | None = None):
    """The handler runs as its caller: the Playground then uses that session's keys and counts its limits.
    (For an async generator the caller is set around each step: Gradio may resume it from another task.)
    `pace`: the page's runs stream the builtin model at that many tokens/s (the API's: full speed)."""

    def caller(args, kwargs) -> Caller:
        values = [*args, *kwargs.values()]
        request = next((v for v in values if isinstance(v, gr.Request)), None)
        token = next((v for v in values if isinstance(v, gr.OAuthToken)), None)
        return caller_of(request, token, place, pace)

    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def steps(*args, **kwargs):
            who, generator = caller(args, kwargs), fn(*args, **kwargs)
            try:
                while True:
                    token = current_caller.set(who)
                    try:
                        item = await generator.__anext__()
                    except StopAsyncIteration:
                        return
                    finally:
                        current_caller.reset(token)
                    yield item
            finally:  # Stop: the handler's own clean-up (closing upstream streams) runs now
                await generator.aclose()

        return steps

    @functools.wraps(fn)
    async def call(*args, **kwargs):
        token = current_caller.set(caller(args, kwargs))
        try:
            result = fn(*args, **kwargs)
            return await result if inspect.isawaitable(result) else result
        finally:
            current_caller.reset(token)

    return call
