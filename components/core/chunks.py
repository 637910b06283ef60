"""Reading a streamed chat completion as plain dicts.

The SDK turns every chunk into a pydantic object (a fifth of the server's CPU per streamed reply when a class
streams at once). The app still sends every request through the SDK (its client, retries and errors), takes
the answer through the SDK's documented `with_streaming_response`, and reads the server-sent events itself:
one `json.loads` per chunk. Errors are the SDK's own (APIError, APIConnectionError, APITimeoutError)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx2


async def sse_data(response: httpx2.Response) -> AsyncIterator[dict]:
    """Each event's data as a dict, until `[DONE]`. Lines may end in \\n or \\r\\n; an event's data may span
    several `data:` lines (joined with \\n, as the SSE standard says); comments and other fields are skipped."""
    pending, data_lines = b"", []
    try:
        async for block in response.aiter_bytes():
            *lines, pending = (pending + block).split(b"\n")
            for line in lines:
                line = line.rstrip(b"\r")
                if line.startswith(b"data:"):
                    data_lines.append(line[6:] if line[5:6] == b" " else line[5:])
                elif not line and data_lines:
                    data, data_lines = b"\n".join(data_lines), []
                    if data.startswith(b"[DONE]"):
                        return
                    yield _chunk(data, response)
    except httpx2.TimeoutException as error:
        raise _sdk().APITimeoutError(request=response.request) from error
    except httpx2.TransportError as error:
        raise _sdk().APIConnectionError(request=response.request) from error


def _chunk(raw: bytes, response: httpx2.Response) -> dict:
    """A chunk, or the error a host sent in the middle of a stream (raised as the SDK raises it)."""
    try:
        data = json.loads(raw)
    except ValueError as error:
        message = "The host sent a chunk that is not JSON"
        raise _sdk().APIError(message=message, request=response.request, body=None) from error
    if isinstance(data, dict) and data.get("error"):
        error = data["error"]
        message = error.get("message") if isinstance(error, dict) else None
        if not message or not isinstance(message, str):
            message = "An error occurred during streaming"
        raise _sdk().APIError(message=message, request=response.request, body=error)
    if not isinstance(data, dict):
        message = "The host sent a chunk that is not an object"
        raise _sdk().APIError(message=message, request=response.request, body=None)
    return data


def token_logprobs(logprobs: dict | None) -> list[dict] | None:
    """A choice's (or a chunk's) logprobs as the app keeps them; None when the host sent none."""
    content = (logprobs or {}).get("content")
    if not content:
        return None
    return [
        {
            "token": item.get("token", ""),
            "logprob": item.get("logprob", 0.0),
            "top": [
                {"token": alt.get("token", ""), "logprob": alt.get("logprob", 0.0)}
                for alt in item.get("top_logprobs") or []
            ],
        }
        for item in content
    ]


def _sdk():
    """The openai package, for its error types: imported when an error is raised, not at start (hosts.import_sdk)."""
    import openai

    return openai
