"""The Python script and the curl command that reproduce what a tab sent, written from the very request values
the tab sent (ChatRequest.to_api), so the code cannot drift from the call. Keys are read from the environment,
never written. The client set-up follows the lesson's scripts (python-openai-demos). No gradio here."""

from __future__ import annotations

import json
import shlex

from components.core.hosts import AZURE_SCOPE, HOSTS_BY_ID, NO_KEY, ResolvedHost, host_label
from components.core.records import Call, Chain
from components.core.settings import ChatRequest
from components.i18n import translate


def comment(key: str, lang: str, **values) -> str:
    return translate(f"code.{key}", lang, **values)


def py(value, indent: int = 0) -> str:
    """A value as a Python literal, JSON-like (double quotes); lists of dicts one item per line."""
    pad = " " * indent
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {py(v, indent)}" for k, v in value.items()) + "}"
    if any(isinstance(item, dict) for item in value):
        items = "".join(f"{pad}    {py(item, indent + 4)},\n" for item in value)
        return "[\n" + items + pad + "]"
    return "[" + ", ".join(py(item, indent) for item in value) + "]"


def client_setup(endpoint: ResolvedHost, builtin_url: str, lang: str) -> list[str]:
    """The lines that make `client`, for the host the tab used; base URLs can be pointed elsewhere by the
    same environment variables the playground reads."""
    lines, base, key = connection(endpoint, builtin_url, lang)
    return lines + [f"client = openai.OpenAI(base_url={base}, api_key={key})"]


def connection(endpoint: ResolvedHost, builtin_url: str, lang: str) -> tuple[list[str], str, str]:
    """How a script reaches the host: (the comment and set-up lines, the base URL and the key as Python
    expressions). Every library's script connects the same way."""
    host = HOSTS_BY_ID[endpoint.host]
    lines = [comment("setup", lang, host=host_label(host.id, lang))]
    if host.id == "builtin":
        if endpoint.key_var:  # the class password
            return lines + [comment("builtin_password", lang)], f'"{builtin_url}"', f'os.environ["{endpoint.key_var}"]'
        return lines + [comment("builtin", lang)], f'"{builtin_url}"', f'"{NO_KEY}"'
    if host.retired:
        lines.append(comment("retired", lang))
    if host.id == "azure":
        base = 'os.environ["AZURE_OPENAI_ENDPOINT"].rstrip("/").removesuffix("/openai/v1") + "/openai/v1/"'
        if endpoint.auth == "azure-keyless":
            lines += [
                comment("keyless", lang),
                "token_provider = azure.identity.get_bearer_token_provider(",
                f'    azure.identity.DefaultAzureCredential(), "{AZURE_SCOPE}"',
                ")",
            ]
            return lines, base, "token_provider"
        return lines, base, f'os.environ["{endpoint.key_var}"]'
    if host.base_url:
        base = f'os.getenv("{host.base_url_var}", "{host.base_url}")'
    elif host.id == "openai":
        base = f'os.getenv("{host.base_url_var}")'  # None: the SDK's own https://api.openai.com/v1
    else:
        base = f'os.environ["{host.base_url_var}"]'
    key = f'os.environ["{endpoint.key_var}"]' if endpoint.key_var else f'"{NO_KEY}"'
    return lines, base, key


PROMPT_MARK = "\0PROMPT\0"  # stands for a step's prompt variable while the call is written


def _call_lines(body: dict, target: str, messages: str | None = None) -> list[str]:
    """`target = client.chat.completions.create(...)` with every sent parameter, then how to read it."""
    lines = [f"{target} = client.chat.completions.create("]
    for name, value in body.items():
        shown = messages if name == "messages" and messages else py(value, 4)
        lines.append(f"    {name}={shown},")
    lines.append(")")
    return lines


def _print_answer(variable: str, body: dict, stream: bool, lang: str, keep: str | None = None) -> list[str]:
    n = body.get("n", 1)
    if stream:
        lines = [comment("stream", lang)]
        if keep:
            lines.append(f'{keep} = ""')
        lines += [f"for chunk in {variable}:", "    if chunk.choices and chunk.choices[0].delta.content:"]
        lines.append('        print(chunk.choices[0].delta.content, end="", flush=True)')
        if keep:
            lines.append(f"        {keep} += chunk.choices[0].delta.content")
        return lines + ["print()"]
    if n > 1:
        return [f"for choice in {variable}.choices:", "    print(choice.message.content)"]
    lines = [f"print({variable}.choices[0].message.content)"]
    if keep:
        lines.insert(0, f"{keep} = {variable}.choices[0].message.content")
        lines[1] = f"print({keep})"
    return lines


def imports_for(endpoints: list[ResolvedHost], image: bool = False, also: tuple[str, ...] = ()) -> list[str]:
    """The script's imports; `also`: more of the standard library's (e.g. "import json")."""
    standard = (["import base64"] if image else []) + (
        ["import os"] if any(e.host != "builtin" or e.key_var for e in endpoints) else []
    )
    standard = sorted(standard + list(also), key=lambda line: (line.startswith("from"), line))
    keyless = any(e.auth == "azure-keyless" for e in endpoints)
    third_party = (["import azure.identity"] if keyless else []) + ["import openai"]
    return standard + ([""] if standard else []) + third_party + [""]


def python_script(calls: list[Call], endpoint: ResolvedHost, builtin_url: str, lang: str = "en") -> str:
    """A complete script: imports, the client, each call with exactly what was sent, and its answer printed."""
    return replay_script([(endpoint, calls)], builtin_url, lang)


def replay_script(groups: list[tuple[ResolvedHost, list[Call]]], builtin_url: str, lang: str = "en") -> str:
    """Several calls in order, each group on its own host (a session may have switched hosts)."""
    every_call = [call for _, calls in groups for call in calls]
    lines = imports_for([endpoint for endpoint, _ in groups], image=any(c.image_file for c in every_call))
    for endpoint, calls in groups:
        lines += client_setup(endpoint, builtin_url, lang) + [""]
        for call in calls:
            lines += _call_script(call, lang) + [""]
    return "\n".join(lines).rstrip() + "\n"


def _call_script(call: Call, lang: str) -> list[str]:
    body = call.request.to_api(stream=call.stream)
    lines, messages = [], None
    if call.image_file:
        lines.append(comment("image", lang))
        if call.resized_to:
            lines.append(comment("resized", lang, width=call.resized_to[0], height=call.resized_to[1]))
        lines += _image_lines(body, call.image_file)
        messages = _messages_with_image(body)
    if call.title:
        lines.append(f"print({py('--- ' + call.title + ' ---')})")
    lines += [comment("call", lang)] + _call_lines(body, "response", messages)
    return lines + _print_answer("response", body, call.stream, lang)


def _image_lines(body: dict, image_file: str) -> list[str]:
    url = _image_part(body)["image_url"]["url"]
    mime = url.split(";", 1)[0].removeprefix("data:")
    return [
        f'with open({py(image_file)}, "rb") as image_file:',
        f'    image_url = "data:{mime};base64," + base64.b64encode(image_file.read()).decode("ascii")',
    ]


def _image_part(body: dict) -> dict:
    return next(p for m in body["messages"] if isinstance(m["content"], list) for p in m["content"] if "image_url" in p)


def _messages_with_image(body: dict) -> str:
    marker = "\0IMAGE_URL\0"
    messages = json.loads(json.dumps(body["messages"]))
    for message in messages:
        for part in message["content"] if isinstance(message["content"], list) else []:
            if "image_url" in part:
                part["image_url"]["url"] = marker
    return py(messages, 4).replace(json.dumps(marker), "image_url")


def chain_script(chain: Chain, endpoint: ResolvedHost, builtin_url: str, lang: str = "en") -> str:
    """One call per step; each step's prompt is its template with the earlier outputs put in, as the tab does."""
    lines = imports_for([endpoint]) + client_setup(endpoint, builtin_url, lang)
    lines += ["", f"input_text = {py(chain.first_input)}", ""]
    for step, template in enumerate(chain.templates, start=1):
        template = template.strip()
        fills = {"{input}": "input_text", "{previous}": f"step_{step - 1}"}
        fills.update({f"{{step{i}}}": f"step_{i}" for i in range(1, step)})
        prompt = py(template) + "".join(
            f".replace({py(name)}, {variable})" for name, variable in fills.items() if name in template
        )
        request = chain.request.model_copy(update={"messages": [{"role": "user", "content": PROMPT_MARK}]})
        body = request.to_api(stream=chain.stream)
        lines += [comment("chain", lang, step=step), f"prompt_{step} = {prompt}"]
        lines += [line.replace(py(PROMPT_MARK), f"prompt_{step}") for line in _call_lines(body, "response")]
        lines.append(f'print("--- {step} ---")')
        lines += _print_answer("response", body, chain.stream, lang, keep=f"step_{step}") + [""]
    return "\n".join(lines).rstrip() + "\n"


def curl_command(request: ChatRequest, endpoint: ResolvedHost, builtin_url: str, stream: bool = False) -> str:
    """The same request as curl: the body as JSON, the key from an environment variable."""
    host = HOSTS_BY_ID[endpoint.host]
    if host.id == "builtin":
        url = f"{builtin_url}/chat/completions"
    elif host.id == "azure":
        url = "${AZURE_OPENAI_ENDPOINT%/}/openai/v1/chat/completions"
    else:
        default = host.base_url or ("https://api.openai.com/v1" if host.id == "openai" else "")
        url = f"${{{host.base_url_var}{':-' + default if default else ''}}}/chat/completions"
    lines = [f'curl "{url}"', '  -H "Content-Type: application/json"']
    if endpoint.auth == "azure-keyless":
        token = (
            "$(az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv)"
        )
        lines.append(f'  -H "Authorization: Bearer {token}"')
    elif endpoint.key_var:
        lines.append(f'  -H "Authorization: Bearer ${endpoint.key_var}"')
    body = json.dumps(request.to_api(stream=stream), ensure_ascii=False, indent=2)
    lines.append(f"  -d {shlex.quote(body)}")
    return " \\\n".join(lines) + "\n"
