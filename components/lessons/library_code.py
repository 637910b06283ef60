"""The same call in the lesson's other libraries: LangChain (`ChatOpenAI`), LlamaIndex (`OpenAILike`), PydanticAI
(`Agent` with `OpenAIChatModel`), LiteLLM, and OpenAI's Responses API — each written from the very request value
a tab sent (ChatRequest.to_api), connecting to the host as the openai script does (code.connection), streaming
where the call streamed. What a library cannot send is named in a comment, never dropped silently. No gradio."""

from __future__ import annotations

from components.core.hosts import ResolvedHost
from components.core.records import Call
from components.lessons.code import comment, connection, imports_for, py

LIBRARIES = {  # id: the name a reader knows it by
    "langchain": "LangChain",
    "llamaindex": "LlamaIndex",
    "pydanticai": "PydanticAI",
    "litellm": "LiteLLM",
    "responses": "OpenAI Responses API",
}
# What each library sends of a request (the rest is named as left out). `max_tokens` stands for either name.
SENDS = {
    "langchain": {"temperature", "max_tokens", "top_p", "seed", "stop", "presence_penalty", "frequency_penalty"}
    | {"logprobs", "top_logprobs", "response_format", "tools", "tool_choice", "parallel_tool_calls"},
    "llamaindex": {"temperature", "max_tokens", "top_p", "seed", "stop", "presence_penalty", "frequency_penalty"}
    | {"response_format", "logprobs", "top_logprobs", "n"},
    "pydanticai": {"temperature", "max_tokens", "top_p", "seed", "stop", "presence_penalty", "frequency_penalty"}
    | {"logprobs", "top_logprobs"},
    "litellm": None,  # everything: it passes OpenAI's parameters through
    "responses": {"temperature", "max_tokens", "top_p", "response_format"},
}
KEYLESS = {"langchain", "responses"}  # take Azure's token provider as the key
IMAGES = {"langchain", "litellm"}  # take OpenAI's content parts as they are
PYDANTIC_SETTINGS = {"max_tokens": "max_tokens", "stop": "stop_sequences", "logprobs": "openai_logprobs"}
PYDANTIC_SETTINGS |= {"top_logprobs": "openai_top_logprobs"}


def library_script(library: str, call: Call, endpoint: ResolvedHost, builtin_url: str, lang: str = "en") -> str:
    """A complete script sending `call` with `library`."""
    body = call.request.to_api()
    model, messages = body.pop("model"), body.pop("messages")
    if "max_completion_tokens" in body:  # each library names it max_tokens and renames it where needed
        body["max_tokens"] = body.pop("max_completion_tokens")
    sends = SENDS[library]
    left_out = [name for name in body if sends is not None and name not in sends]
    params = {name: value for name, value in body.items() if name not in left_out}
    notes = []
    if left_out:
        notes.append(comment("library_leaves_out", lang, library=LIBRARIES[library], params=", ".join(left_out)))
    if endpoint.auth == "azure-keyless" and library not in KEYLESS:
        notes.append(comment("library_no_keyless", lang, library=LIBRARIES[library]))
    if any(not isinstance(m.get("content"), str) for m in messages) and library not in IMAGES | {"responses"}:
        notes.append(comment("library_no_images", lang, library=LIBRARIES[library]))
    if library == "responses" and endpoint.host not in ("openai", "azure", "builtin"):
        notes.append(comment("library_host_may_not", lang))
    setup, base, key = connection(endpoint, builtin_url, lang)
    if endpoint.host == "openai":  # (its base URL may be unset: the library's own default then)
        base = f'{base} or "https://api.openai.com/v1"'
    write = {"langchain": _langchain, "llamaindex": _llamaindex, "pydanticai": _pydanticai, "litellm": _litellm}
    write |= {"responses": _responses}
    third, lines = write[library](model, messages, params, call.stream, base, key)
    standard = [line for line in imports_for([endpoint]) if line in ("import os", "import base64")]
    third = third + (["import azure.identity"] if endpoint.auth == "azure-keyless" else [])
    head = standard + ([""] if standard else []) + sorted(set(third), key=lambda line: line.split()[1]) + [""]
    return "\n".join(head + notes + setup + [""] + lines).rstrip() + "\n"


def _keywords(values: dict, indent: int = 4) -> list[str]:
    return [f"{' ' * indent}{name}={py(value, indent)}," for name, value in values.items()]


def _langchain(model, messages, params, stream, base, key):
    extra = {
        k: params.pop(k) for k in ("response_format", "tools", "tool_choice", "parallel_tool_calls") if k in params
    }
    lines = ["llm = ChatOpenAI(", f"    model={py(model)},", f"    base_url={base},", f"    api_key={key},"]
    lines += _keywords(params) + ([f"    model_kwargs={py(extra, 4)},"] if extra else []) + [")"]
    lines.append(f"messages = {py(messages)}")
    if stream:
        return ["from langchain_openai import ChatOpenAI"], lines + [
            "for chunk in llm.stream(messages):",
            '    print(chunk.content, end="", flush=True)',
            "print()",
        ]
    return ["from langchain_openai import ChatOpenAI"], lines + [
        "response = llm.invoke(messages)",
        "print(response.content)",
    ]


def _llamaindex(model, messages, params, stream, base, key):
    own = {k: params.pop(k) for k in ("temperature", "max_tokens") if k in params}
    lines = ["llm = OpenAILike(", f"    model={py(model)},", f"    api_base={base},", f"    api_key={key},"]
    lines.append("    is_chat_model=True,  # chat completions (its default is the legacy /completions)")
    lines += _keywords(own) + ([f"    additional_kwargs={py(params, 4)},"] if params else []) + [")"]
    chat = [f"    ChatMessage(role={py(m['role'])}, content={py(m['content'])})," for m in messages]
    lines += ["messages = ["] + chat + ["]"]
    imports = ["from llama_index.core.llms import ChatMessage", "from llama_index.llms.openai_like import OpenAILike"]
    if stream:
        return imports, lines + [
            "for chunk in llm.stream_chat(messages):",
            '    print(chunk.delta, end="", flush=True)',
            "print()",
        ]
    return imports, lines + ["response = llm.chat(messages)", "print(response.message.content)"]


def _pydanticai(model, messages, params, stream, base, key):
    system = "\n".join(m["content"] for m in messages if m["role"] in ("system", "developer"))
    turns = [m for m in messages if m["role"] in ("user", "assistant")]
    prompt = turns.pop()["content"] if turns and turns[-1]["role"] == "user" else ""
    settings = {PYDANTIC_SETTINGS.get(name, name): value for name, value in params.items()}
    lines = [f"model = OpenAIChatModel({py(model)}, provider=OpenAIProvider(base_url={base}, api_key={key}))"]
    lines.append(f"agent = Agent(model, instructions={py(system)})" if system else "agent = Agent(model)")
    imports = [
        "from pydantic_ai import Agent",
        "from pydantic_ai.models.openai import OpenAIChatModel",
        "from pydantic_ai.providers.openai import OpenAIProvider",
    ]
    run = f"{py(prompt)}, model_settings={py(settings)}"
    if turns:  # the earlier turns, as PydanticAI keeps a conversation
        imports.append("from pydantic_ai.messages import ModelRequest, ModelResponse, TextPart, UserPromptPart")
        lines.append("history = [")
        for turn in turns:
            part = "ModelRequest(parts=[UserPromptPart" if turn["role"] == "user" else "ModelResponse(parts=[TextPart"
            lines.append(f"    {part}(content={py(turn['content'])})]),")
        lines.append("]")
        run += ", message_history=history"
    if stream:
        return imports, lines + [
            f"with agent.run_stream_sync({run}) as result:",
            "    for text in result.stream_text(delta=True):",
            '        print(text, end="", flush=True)',
            "print()",
        ]
    return imports, lines + [f"result = agent.run_sync({run})", "print(result.output)"]


def _litellm(model, messages, params, stream, base, key):
    lines = [
        "response = litellm.completion(",
        f'    model="openai/" + {py(model)},  # "openai/": any OpenAI-style host',
    ]
    lines += [f"    api_base={base},", f"    api_key={key},", f"    messages={py(messages, 4)},"]
    lines += _keywords(params) + (["    stream=True,"] if stream else []) + [")"]
    if stream:
        return ["import litellm"], lines + [
            "for chunk in response:",
            "    if chunk.choices and chunk.choices[0].delta.content:",
            '        print(chunk.choices[0].delta.content, end="", flush=True)',
            "print()",
        ]
    if params.get("n", 1) > 1:
        return ["import litellm"], lines + ["for choice in response.choices:", "    print(choice.message.content)"]
    return ["import litellm"], lines + ["print(response.choices[0].message.content)"]


def _responses(model, messages, params, stream, base, key):
    if "max_tokens" in params:
        params["max_output_tokens"] = params.pop("max_tokens")
    if "response_format" in params:  # text.format: the same JSON mode or schema, laid flat
        shape = dict(params.pop("response_format"))
        if shape["type"] == "json_schema":
            shape = {"type": "json_schema", **shape["json_schema"]}
        params["text"] = {"format": shape}
    lines = [f"client = openai.OpenAI(base_url={base}, api_key={key})"]
    lines += ["response = client.responses.create(", f"    model={py(model)},", f"    input={py(messages, 4)},"]
    lines += _keywords(params) + (["    stream=True,"] if stream else []) + [")"]
    if stream:
        return ["import openai"], lines + [
            "for event in response:",
            '    if event.type == "response.output_text.delta":',
            '        print(event.delta, end="", flush=True)',
            "print()",
        ]
    return ["import openai"], lines + ["print(response.output_text)"]
