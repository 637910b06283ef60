"""English text of the Function calling tab: its labels, the loop's sentences, what is wrong with a tools' JSON,
the app's tools described to the model, and the presets (weather, a cat fact, units, all three, none needed)."""

UI = {
    "tools.tab": "Function calling",
    "tools.intro": "**What this shows:** the model never runs anything. Given `tools` (functions described as JSON Schema), it may answer with `tool_calls`: a function's name and arguments. Your code runs the function and sends the result back as a `tool` message; then the model answers. Here the app runs its own sample tools (weather, cat facts, units).\n\n**Try this:** press **Step** to walk the loop one message at a time; set `tool_choice` to `none`, then `required`; ask for a haiku with the weather tool on.",
    "tools.preset": "Preset",
    "tools.tools": "Tools (functions described as JSON Schema; read as JSON, never run)",
    "tools.message": "Message",
    "tools.choice": "tool_choice",
    "tools.choice.info": "auto: the model decides · required: it must call one · none: it may not · a tool's name: that one",
    "tools.parallel": "parallel_tool_calls",
    "tools.parallel.info": "May the model ask for several calls at once? (not sent: the host's default, usually yes)",
    "tools.not_sent": "not sent",
    "tools.step": "Step ▶",
    "tools.run": "Run to the end ⏭",
    "tools.conversation": "The loop, message by message",
    "tools.bodies": "Each request sent, in order",
}

MESSAGES = {
    "tools.empty": 'Write the tools as JSON, for example: [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}}}]',
    "tools.too_long": "The tools' JSON is too long: at most {most} characters.",
    "tools.json": "Line {line} of the tools: this is not valid JSON ({problem}).",
    "tools.too_deep": "The tools' JSON is nested too deep: at most {most} levels.",
    "tools.count": "Give from 1 to {most} tools.",
    "tools.shape": 'Tool {number}: write it as {{"type": "function", "function": {{"name": …, "description": …, "parameters": {{…}}}}}}.',
    "tools.name": "Tool {number}: its name must be 1 to 64 letters, digits, _ or -.",
    "tools.duplicate": "Two tools are named '{name}': each name once.",
    "tools.parameters": 'Tool {name}: its parameters must be a JSON Schema object: {{"type": "object", "properties": {{…}}}}.',
    "tools.choice": "tool_choice '{choice}' is not auto, required, none or one of the tools ({names}).",
    "tools.asking": "Request {number}: waiting for the model…",
    "tools.wants": "🛠 The model asks for {count} tool call(s). **Step** runs them: your code does, not the model.",
    "tools.ran": "📦 {count} result(s) sent back as `tool` messages. **Step** asks the model again.",
    "tools.answered": "✅ The model answered in text after {asked} request(s).",
    "tools.limit": "⏹ Stopped after {most} requests: the model kept calling tools (the limit of one run).",
}

PRESETS = {
    "tools_labels": {
        "weather": "🌦 The weather in a city",
        "cat": "🐱 A cat fact",
        "units": "📏 A unit converter",
        "all": "🧰 All three",
        "haiku": "✍ No tool needed (a haiku)",
    },
    "tools": {  # preset: (the app's tools it offers, the message)
        "weather": (["get_weather"], "What's the weather like in Madrid today?"),
        "cat": (["cat_fact"], "Tell me a fact about how cats sleep."),
        "units": (["convert_units"], "How many miles are 42 km?"),
        "all": (["get_weather", "cat_fact", "convert_units"], "Is it cold in London right now?"),
        "haiku": (["get_weather", "cat_fact", "convert_units"], "Write a haiku about the moon."),
    },
    "tool_descriptions": {
        "get_weather": (
            "Get the current weather in a city",
            {"city": "The city, e.g. Madrid", "unit": "The temperature unit"},
        ),
        "cat_fact": (
            "Get a true fact about cats",
            {"topic": "What the fact is about, e.g. sleep or purring", "language": "The fact's language"},
        ),
        "convert_units": (
            "Convert a value from one unit to another (length, mass, volume, temperature)",
            {"value": "The number to convert", "from_unit": "Its unit, e.g. km", "to_unit": "The unit wanted, e.g. mi"},
        ),
    },
}
