"""Faults on purpose, for tests and benchmarks: a server started with faults on answers the models
named fault-<kind> like a misbehaving host would. A normal start never enables this."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from .api import MODEL_ID, ApiError

FAULTS: dict[str, ApiError | None] = {
    "401": ApiError(
        401,
        "Incorrect API key provided: sk-...test. You can find your API key in your host's portal.",
        kind="invalid_request_error",
        code="invalid_api_key",
    ),
    "404": ApiError(
        404, "The model 'fault-404' does not exist or you do not have access to it.", "model", "model_not_found"
    ),
    "410": ApiError(
        410, "GitHub Models has been retired. This endpoint is no longer available.", kind="gone", code="gone"
    ),
    "429": ApiError(
        429,
        "Rate limit reached for requests. Please try again in 1s.",
        kind="requests",
        code="rate_limit_exceeded",
        headers={"Retry-After": "1"},
    ),
    "500": ApiError(500, "The server had an error while processing your request.", kind="server_error"),
    "503": ApiError(
        503,
        "The engine is currently overloaded, please try again later.",
        kind="server_error",
        code="service_unavailable",
        headers={"Retry-After": "1"},
    ),
    "prompt_filter": ApiError(
        400,
        "The response was filtered due to the prompt triggering the content management policy.",
        "prompt",
        "content_filter",
        kind="",
        extra={
            "status": 400,
            "innererror": {
                "code": "ResponsibleAIPolicyViolation",
                "content_filter_result": {"violence": {"filtered": True, "severity": "medium"}},
            },
        },
    ),
    "hang": None,  # never answers
    "drop": None,  # the connection breaks mid-answer
    "content_filter": None,  # the answer stops with finish_reason "content_filter"
    "reasoning": None,  # behaves like a reasoning model that refuses sampling parameters
    "slow": None,  # answers at 20 tokens/s, to watch streaming and to press Stop in time
    "long": None,  # like slow, but never ends before max_tokens: still streaming whenever Stop is pressed
}
SLOW_FAULTS = ("slow", "long")
SLOW_TOKEN_DELAY_S = 0.05
FAULT_MODELS = [f"fault-{kind}" for kind in FAULTS]


async def check_fault(body: object, enabled: bool) -> str | None:
    """Raise the fault's error, or return the fault kind for the server to act on mid-answer."""
    if not enabled or not isinstance(body, dict) or body.get("model") not in FAULT_MODELS:
        return None
    kind = body["model"].removeprefix("fault-")
    if FAULTS[kind] is not None:
        raise FAULTS[kind]
    if kind == "hang":
        await asyncio.sleep(3600)
    if kind == "reasoning":
        _refuse_sampling(body)
    body["model"] = MODEL_ID
    return kind


def _refuse_sampling(body: dict) -> None:
    if body.get("temperature") not in (None, 1):
        raise ApiError(
            400,
            f"Unsupported value: 'temperature' does not support {body['temperature']} with this "
            "model. Only the default (1) value is supported.",
            "temperature",
            "unsupported_value",
        )
    if "max_tokens" in body:
        raise ApiError(
            400,
            "Unsupported parameter: 'max_tokens' is not supported with this model. "
            "Use 'max_completion_tokens' instead.",
            "max_tokens",
            "unsupported_parameter",
        )


async def drop_connection(start: str) -> AsyncIterator[str]:
    yield start
    raise ConnectionAbortedError("fault injected: connection dropped")
