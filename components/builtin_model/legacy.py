"""The legacy completions API on the builtin model (/v1/completions: a prompt in, its continuation out), which some
libraries still call by default (LlamaIndex's OpenAILike). The prompt is continued as a reply already begun, with
the same model, checks and limits as chat."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator

from .api import ApiError, ParsedRequest, parse
from .generation import Finish, run_choice
from .model import NGramModel

DEFAULT_MAX_TOKENS = 16  # OpenAI's default for /v1/completions
CHAT_ONLY = ("messages", "response_format", "tools", "tool_choice", "logprobs", "top_logprobs")


def parse_completion(body: object, model: NGramModel) -> ParsedRequest:
    """A completions body as the chat request that continues its prompt (OpenAI's 400s for what it cannot be)."""
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    prompt = body.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1:
        prompt = prompt[0]
    if not isinstance(prompt, str):
        message = "Invalid 'prompt': expected a string (this server continues one prompt per request)."
        raise ApiError(400, message, "prompt", "invalid_value")
    if body.get("echo") or body.get("suffix") or body.get("best_of", 1) != 1:
        raise ApiError(400, "'echo', 'suffix' and 'best_of' are not supported here.", None, "unsupported_parameter")
    chat = {k: v for k, v in body.items() if k not in (*CHAT_ONLY, "prompt", "echo", "suffix", "best_of")}
    chat["max_tokens"] = body.get("max_tokens", DEFAULT_MAX_TOKENS)
    chat["messages"] = [{"role": "assistant", "content": prompt}]  # a reply begun: it is continued
    return parse(chat, model)


def completion_answer(model: NGramModel, parsed: ParsedRequest) -> dict:
    choices, completion_tokens = [], 0
    for index in range(parsed.plan.n):
        text, finish = [], "stop"
        for event in run_choice(model, parsed.plan, index):
            if isinstance(event, Finish):
                finish, completion_tokens = event.reason, completion_tokens + event.completion_tokens
            else:
                text.append(event.text)
        choices.append({"text": "".join(text), "index": index, "logprobs": None, "finish_reason": finish})
    return {**_envelope(parsed), "choices": choices, "usage": parsed.usage(completion_tokens)}


async def completion_stream(model: NGramModel, parsed: ParsedRequest, delay: float = 0.0) -> AsyncIterator[str]:
    envelope = _envelope(parsed)
    completion_tokens = 0
    for index in range(parsed.plan.n):
        for event in run_choice(model, parsed.plan, index):
            if isinstance(event, Finish):
                completion_tokens += event.completion_tokens
                choice = {"text": "", "index": index, "logprobs": None, "finish_reason": event.reason}
            else:
                choice = {"text": event.text, "index": index, "logprobs": None, "finish_reason": None}
            yield f"data: {json.dumps({**envelope, 'choices': [choice]}, ensure_ascii=False)}\n\n"
            await asyncio.sleep(delay)
    if parsed.include_usage:
        yield f"data: {json.dumps({**envelope, 'choices': [], 'usage': parsed.usage(completion_tokens)})}\n\n"
    yield "data: [DONE]\n\n"


def _envelope(parsed: ParsedRequest) -> dict:
    return {
        "id": f"cmpl-{uuid.uuid4().hex[:24]}",
        "object": "text_completion",
        "created": int(time.time()),
        "model": parsed.model,
    }
