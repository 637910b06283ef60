"""Check a /v1/chat/completions body the way OpenAI does and turn it into a generation Plan."""

from __future__ import annotations

from dataclasses import dataclass

from components.core.settings import KNOBS, MAX_STOPS

from .api_error import ApiError
from .context import blend_for
from .generation import Plan
from .instructions import read_instructions
from .messages import image_reply, texts_and_images
from .model import NGramModel, Sampling
from .sampling import parrot_index
from .tokenizer import MAX_CHUNK_CHARS
from .tools import read_tools, result_reply, tool_to_call

MODEL_ID = "builtin-tiny"
CONTEXT_WINDOW = 8192
# What one request may ask the server to write: n × max_tokens tokens, and n × max_tokens × (top_logprobs + 1)
# entries with logprobs (the page's most, 5 choices of 2,048 tokens with 5 alternatives, fits). Asked beyond: 400;
# with max_tokens unset, the answer stops at the budget with finish_reason "length".
MOST_TOKENS_PER_REQUEST = 16_384
MOST_LOGPROB_ENTRIES_PER_REQUEST = 65_536
JSON_FORMATS = {"json_object", "json_schema"}


@dataclass
class ParsedRequest:
    plan: Plan
    stream: bool
    include_usage: bool
    prompt_tokens: int
    model: str

    def usage(self, completion_tokens: int) -> dict:
        """The answer's `usage`, as chat and legacy completions report it."""
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": self.prompt_tokens + completion_tokens,
        }


def _number(body: dict, name: str, low: float, high: float, integer: bool = False):
    value = body.get(name)
    if value is None:
        return None
    ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type:
        kind = "an integer" if integer else "a number"
        raise ApiError(400, f"Invalid type for '{name}': expected {kind}.", name, "invalid_type")
    if not low <= value <= high:
        raise ApiError(400, f"Invalid '{name}': {value} is not between {low} and {high}.", name, "invalid_value")
    return value


def _knob(body: dict, name: str, field: str | None = None):
    """A sampling parameter, checked against the same range the playground's controls use (knobs.py)."""
    knob = KNOBS[name]
    return _number(body, field or name, knob.minimum, knob.maximum, integer=knob.integer)


def reply_language(model: NGramModel, texts: list[tuple[str, str]], last_user: str) -> str:
    """The asker's language — unless earlier exchanges asked in that language were answered in another (a
    translation's examples): then the reply follows them."""
    asked = model.language_of(last_user or " ".join(text for _, text in texts))
    for (role, question), (next_role, answer) in zip(reversed(texts[:-1]), reversed(texts)):
        if (role, next_role) == ("user", "assistant"):  # the latest exchange
            return model.language_of(answer) if model.language_of(question) == asked else asked
    return asked


def count_prompt_tokens(model: NGramModel, texts: list[tuple[str, str]], message_count: int) -> int:
    # OpenAI's chat format adds ~3 tokens a message and 3 to prime the reply.
    return sum(model.tokenizer.count(text) for _, text in texts) + 3 * message_count + 3


def _json_schema(response_format: dict) -> dict | None:
    """The schema of response_format {"type": "json_schema", "json_schema": {"name", "schema", "strict"}}."""
    if response_format["type"] != "json_schema":
        return None
    spec = response_format.get("json_schema")
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
        raise ApiError(
            400,
            "Missing required parameter: 'response_format.json_schema.name'.",
            "response_format.json_schema.name",
            "missing_required_parameter",
        )
    schema = spec.get("schema")
    if schema is not None and not isinstance(schema, dict):
        raise ApiError(400, "Invalid 'response_format.json_schema.schema': expected an object.", "response_format")
    return schema or {"type": "object", "properties": {}}


def _called_names(messages: list) -> dict[str, str]:
    """The tool calls of earlier assistant messages: call id -> function name."""
    names = {}
    for message in messages:
        for call in (message.get("tool_calls") or []) if message.get("role") == "assistant" else []:
            if isinstance(call, dict) and isinstance(call.get("function"), dict):
                names[str(call.get("id"))] = str(call["function"].get("name"))
    return names


def parse(body: object, model: NGramModel) -> ParsedRequest:
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    if body.get("model") is None:
        raise ApiError(400, "Missing required parameter: 'model'.", "model", "missing_required_parameter")
    if body["model"] != MODEL_ID:
        raise ApiError(
            404,
            f"The model '{body['model']}' does not exist. This server has '{MODEL_ID}'.",
            "model",
            "model_not_found",
        )
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise ApiError(400, "Invalid 'messages': expected a non-empty array of messages.", "messages", "invalid_value")
    texts, images = texts_and_images(messages)

    temperature = _knob(body, "temperature")
    top_p = _knob(body, "top_p")
    n = _knob(body, "n") or 1
    max_tokens = _knob(body, "max_tokens", "max_completion_tokens")
    if max_tokens is None:
        max_tokens = _knob(body, "max_tokens")
    seed = _knob(body, "seed")
    presence = _knob(body, "presence_penalty") or 0.0
    frequency = _knob(body, "frequency_penalty") or 0.0
    top_logprobs = _number(body, "top_logprobs", 0, 20, integer=True) or 0
    logprobs = bool(body.get("logprobs"))
    if top_logprobs and not logprobs:
        raise ApiError(400, "'top_logprobs' requires 'logprobs' to be true.", "top_logprobs", "invalid_value")
    stop = body.get("stop")
    stops = (stop,) if isinstance(stop, str) else tuple(stop or ())
    if len(stops) > MAX_STOPS or not all(isinstance(s, str) and s for s in stops):
        raise ApiError(400, "Invalid 'stop': expected a non-empty string or up to 4 of them.", "stop", "invalid_value")
    response_format = body.get("response_format") or {"type": "text"}
    if not isinstance(response_format, dict) or response_format.get("type") not in JSON_FORMATS | {"text"}:
        raise ApiError(
            400,
            'Invalid \'response_format\': expected {"type": "text"}, "json_object" or "json_schema".',
            "response_format",
            "invalid_value",
        )
    if response_format["type"] == "json_object" and not any("json" in text.lower() for _, text in texts):
        raise ApiError(  # OpenAI's own rule (and sentence): JSON mode must be asked for in words too
            400,
            "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
            "messages",
            "invalid_request_error",
        )
    schema = _json_schema(response_format)
    tools, tool_choice = read_tools(body)
    stream = bool(body.get("stream"))
    options = body.get("stream_options") or {}
    if options and not stream:
        raise ApiError(
            400, "'stream_options' is only allowed when 'stream' is true.", "stream_options", "invalid_value"
        )

    per_choice = n * (top_logprobs + 1 if logprobs else 1)
    budget = min(MOST_TOKENS_PER_REQUEST // n, MOST_LOGPROB_ENTRIES_PER_REQUEST // per_choice)
    if max_tokens is not None and max_tokens > budget:
        raise ApiError(
            400,
            f"This server writes at most {MOST_TOKENS_PER_REQUEST} tokens per request "
            f"({MOST_LOGPROB_ENTRIES_PER_REQUEST} with logprobs, counting each alternative): with n={n}"
            + (f" and top_logprobs={top_logprobs}" if logprobs else "")
            + f", max_tokens can be at most {budget}.",
            "max_tokens",
            "invalid_value",
        )
    # No token is longer than MAX_CHUNK_CHARS: a prompt that many times the window is too long untokenised.
    if sum(len(text) for _, text in texts) > MAX_CHUNK_CHARS * CONTEXT_WINDOW:
        raise ApiError(
            400,
            f"This model's maximum context length is {CONTEXT_WINDOW} tokens, and the messages are longer.",
            "messages",
            "context_length_exceeded",
        )
    prompt_tokens = count_prompt_tokens(model, texts, len(messages))
    if max_tokens is None:
        max_tokens_left = CONTEXT_WINDOW - prompt_tokens
        max_tokens = budget if budget < max_tokens_left else None
    if prompt_tokens + (max_tokens or 0) > CONTEXT_WINDOW:
        raise ApiError(
            400,
            f"This model's maximum context length is {CONTEXT_WINDOW} tokens. However, you "
            f"requested {prompt_tokens + (max_tokens or 0)} tokens ({prompt_tokens} in the messages).",
            "messages",
            "context_length_exceeded",
        )

    # A final assistant message is a reply already begun: it is continued (vLLM's continue_final_message).
    prefix: tuple[int, ...] = ()
    if messages[-1].get("role") == "assistant" and texts and texts[-1][0] == "assistant":
        prefix = tuple(model.tokenizer.encode(texts[-1][1]))
        texts = texts[:-1]
    last_user = next((text for role, text in reversed(texts) if role == "user"), "")
    system = "\n".join(text for role, text in texts if role in ("system", "developer"))
    asked = read_instructions(system, last_user, model.persona_names)
    language = asked.language or reply_language(model, texts, last_user)
    # The topic comes from what the user and the assistant said: the system message's words are
    # instructions (a persona, a format), not a subject.
    weighted = [(text, 1.0 if text is last_user else 0.3) for role, text in texts if role in ("user", "assistant")]
    topic = model.topic_for(language, weighted)
    sampling = Sampling(
        temperature=1.0 if temperature is None else temperature,
        top_p=1.0 if top_p is None else top_p,
        presence_penalty=presence,
        frequency_penalty=frequency,
        top_logprobs=top_logprobs,
        vocabulary=len(model.tokenizer),
        boosted=model.boosted_tokens(last_user, language, topic),
    )
    called = tool_to_call(tools, tool_choice, texts)
    forced = image_reply(images, language) if images else None
    if called is None and schema is None and texts and texts[-1][0] == "tool":  # a tool's result: say it
        forced = result_reply(texts, _called_names(messages), language)
    plan = Plan(
        language,
        topic,
        sampling,
        n=n,
        max_tokens=max_tokens,
        stop=stops,
        seed=seed,
        logprobs=logprobs,
        forced_text=forced,
        blend=blend_for(model, texts, language, topic, asked.personas),
        prefix=prefix,
        form=asked,
        parroted=parrot_index(
            [model.tokenizer.encode(text) for text in {t.strip() for _, t in texts if len(t.split()) >= 3}],
            model.tokenizer.piece,
        ),
        json_mode=response_format["type"] == "json_object",  # only response_format turns JSON mode on
        schema=called.parameters if called else schema,
        tool=called.name if called else None,
        source=last_user,
        ignore_eos=body.get("ignore_eos") is True,  # vLLM's extension: write up to the cap
    )
    return ParsedRequest(plan, stream, bool(options.get("include_usage")), prompt_tokens, MODEL_ID)
