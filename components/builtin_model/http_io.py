"""The HTTP plumbing every route of the builtin /v1 shares: reading a body within its size, the pace a stream asks
for, and an error in OpenAI's shape."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from components.core.settings import MOST_PACE, PACE_HEADER

from .api_error import ApiError

MAX_BODY_BYTES = 8 * 1024 * 1024  # a vision request's image (at most 4 MB, base64) and its text fit


async def read_body(request: Request) -> bytes:
    """The request body, refused past MAX_BODY_BYTES before more of it is read."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, f"The request body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MB.")
    body = bytearray()
    async for part in request.stream():
        body += part
        if len(body) > MAX_BODY_BYTES:
            raise ApiError(413, f"The request body is larger than {MAX_BODY_BYTES // (1024 * 1024)} MB.")
    return bytes(body)


def paced_delay(header: str | None) -> float:
    """Seconds between tokens for a stream that asks for a pace (PACE_HEADER, tokens/s); 0 without one."""
    if header is None:
        return 0.0
    try:
        pace = float(header)
    except ValueError:
        pace = 0.0
    if not 1 <= pace <= MOST_PACE:  # (slower than a token a second is no pace to watch: a connection held open)
        message = f"Invalid header '{PACE_HEADER}': expected tokens per second, from 1 to {MOST_PACE:g}."
        raise ApiError(400, message, PACE_HEADER, "invalid_value")
    return 1 / pace


def error_response(error: ApiError) -> Response:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)
