"""English: the comments of the code views (in the reader's language)."""

UI = {
    "library.view": "The same call in another library (LangChain, LlamaIndex, PydanticAI, LiteLLM, Responses API)",
    "library.choice": "Library",
    "library.info": "Writes the last call this tab sent, for that library",
    "library.write": "↻ Write the last call",
    "export.button": "⬇ Export this session (.py, .json, .md)",
    "export.files": "Session files",
    "code.view": "Code (Python and curl: what was just sent)",
}

MESSAGES = {
    "export.nothing": "Nothing sent from this tab yet: run it first.",
    "code.setup": "# The client for {host}. Keys come from the environment, never from the code.",
    "code.keyless": "# Keyless: signs in with your Azure account (az login) and asks for a token per call.",
    "code.builtin": "# The playground's builtin model, served by the app itself: no key needed.",
    "code.builtin_password": "# The playground's builtin model, served by the app itself; this class has a password: it is the key.",
    "code.retired": "# GitHub Models was retired on 2026-07-30: it answers 410 Gone.",
    "code.call": "# The request, exactly as the playground sent it.",
    "code.stream": "# The answer arrives in chunks; some chunks (e.g. the last, with usage) have no choices.",
    "code.chain": "# Step {step}: its prompt is filled with the outputs it names.",
    "code.image": "# The image, read from its file and sent as a base64 data URL.",
    "code.resized": "# (The playground sent a smaller copy, {width}x{height}: save that one to send the same bytes.)",
    "code.tools_functions": "# The functions the app ran (sample data): the model only asks for a call; your code makes it.",
    "code.tools_schema": "# What the model is told about them: each one's name, description and parameters (JSON Schema).",
    "code.tools_loop": "# Ask; run the calls the model asks for; send the results back; until it answers in text (at most {most} requests).",
    "code.tools_run": "{indent}# Your code runs the function with the arguments the model wrote (read as JSON, never run as code).",
    "code.tools_auto": '{indent}# With the results in, the model may choose: "required" or a named tool would make it call again and again.',
    "code.library_leaves_out": "# {library} does not send these here: {params} (the playground sent them).",
    "code.library_no_keyless": "# {library} takes a key here, not Azure's token: set AZURE_OPENAI_API_KEY and use it as api_key.",
    "code.library_no_images": "# {library} takes images in a form of its own: this script writes them as OpenAI does, which it may refuse.",
    "code.library_host_may_not": "# This host may not serve the Responses API: OpenAI, Azure OpenAI and the builtin model do.",
}
