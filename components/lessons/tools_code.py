"""The Function calling tab's code view: the whole loop as a script (function_calling_while_loop.py of the
lesson's scripts), written from the very request the tab sent first — the app's tools as their own source, the
tools' JSON, the loop that runs them and sends the results back. No gradio here."""

from __future__ import annotations

from components.core.hosts import ResolvedHost
from components.core.records import ToolRun
from components.lessons.app_tools import APP_TOOLS, function_source
from components.lessons.code import client_setup, comment, imports_for, py
from components.lessons.tool_loop import MOST_ROUNDS, tool_names


def tools_script(run: ToolRun, endpoint: ResolvedHost, builtin_url: str, lang: str = "en") -> str:
    body = run.request.to_api()
    names = tool_names(body["tools"])
    ours = [name for name in names if name in APP_TOOLS]
    sources = [function_source(name) for name in ours]
    typing = ("from typing import Literal",) if any("Literal[" in source for source in sources) else ()
    lines = imports_for([endpoint], also=("import json", *typing)) + client_setup(endpoint, builtin_url, lang) + [""]
    if ours:
        lines.append(comment("tools_functions", lang))
        for source in sources:
            lines += source.rstrip().splitlines() + ["", ""]
    lines.append(f"functions = {{{', '.join(f'{py(name)}: {name}' for name in ours)}}}")
    lines += ["", comment("tools_schema", lang), f"tools = {py(body.pop('tools'))}"]
    lines.append(f"messages = {py(body.pop('messages'))}")
    choice = body.pop("tool_choice", None)
    if choice is not None:
        lines.append(f"tool_choice = {py(choice)}")
    lines += ["", comment("tools_loop", lang, most=MOST_ROUNDS), f"for request_number in range({MOST_ROUNDS}):"]
    lines.append("    response = client.chat.completions.create(")
    lines.append(f"        model={py(body.pop('model'))},")
    lines += ["        messages=messages,", "        tools=tools,"]
    if choice is not None:
        lines.append("        tool_choice=tool_choice,")
    lines += [f"        {name}={py(value, 8)}," for name, value in body.items()]
    lines += [
        "    )",
        "    message = response.choices[0].message",
        "    messages.append(message.model_dump(exclude_none=True))",
        "    if not message.tool_calls:",
        "        print(message.content)",
        "        break",
        "    for tool_call in message.tool_calls:",
        comment("tools_run", lang, indent="        "),
        "        function = functions.get(tool_call.function.name)",
        "        arguments = json.loads(tool_call.function.arguments)",
        '        result = function(**arguments) if function else {"error": "no such tool"}',
        '        print(f"{tool_call.function.name}({arguments}) -> {result}")',
        '        messages.append({"role": "tool", "tool_call_id": tool_call.id, "content": json.dumps(result)})',
    ]
    if choice not in (None, "auto", "none"):
        lines += [comment("tools_auto", lang, indent="    "), '    tool_choice = "auto"']
    return "\n".join(lines).rstrip() + "\n"
