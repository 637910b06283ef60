"""English: the page's text (UI), what the server says (MESSAGES) and the presets (PRESETS, in
en_presets.py)."""

from . import en_access, en_code, en_compare, en_structured, en_tools
from .en_presets import PRESETS  # noqa: F401  (one catalog: UI, MESSAGES, PRESETS)

UI = {
    "lesson.label": "The lesson",
    "lesson.previous": "← Previous",
    "lesson.next": "Next →",
    "lesson.begin": "Begin the lesson →",
    "presenter.toggle": "🖥 Presenter view (on/off)",
    "presenter.qr": "📱 QR code of this page",
    "app.header": "# 🐍 Python + AI Playground\n\nCall language models from Python with the openai package: turn the knobs and watch.",
    "host.label": "Host",
    "host.info": "Where requests go. Hosts appear when their settings are in .env.",
    "model.label": "Model",
    "model.info": "From the host's model list, or type any name.",
    "builtin.note": "🧪 **Builtin demo model.** It runs here with no key and no internet. It predicts the next token "
    "from counts in a small text about cats, haiku, Python and LLMs, and it copies patterns from what you give it "
    "(examples, earlier turns, a text to work on) and from a few persona texts; it does not understand. Personas, "
    "few-shot formats and JSON mode show for real. To use a real model, set for example `OPENAI_API_KEY=...` in `.env`."
    "\n\nIt knows these personas: a pirate 🏴‍☠️, Yoda, El Chavo (Chespirito), a formal teacher and “like I'm 10”; "
    "asked for another (“like a robot”), it does what it can: short, in N sentences or bullets, upper case, "
    "no emojis, only yes or no, in English or Spanish.",
    "knobs.system": "System message",
    "knobs.temperature": "Temperature",
    "knobs.temperature.info": "0 = always the most likely token; higher = more random. 1 = not sent (the host's default).",
    "knobs.max_tokens": "Max tokens",
    "knobs.max_tokens.info": "0 = not sent (no limit). The answer stops with finish_reason 'length' at the limit.",
    "knobs.n": "Choices (n)",
    "knobs.n.info": "How many different answers to ask for in one call. 1 = not sent.",
    "chat.tab": "Chat",
    "chat.intro": "**What this shows:** one call to `client.chat.completions.create` with a system message and a "
    "user message, like the lesson's `chat.py`. You see every choice, the tokens used and why each "
    "answer ended.\n"
    "\n"
    "**Try this:** set temperature to 0 and send twice — same answer. Raise it to 1.5 and ask for 3 "
    "choices. Set max tokens to 10 and look at finish_reason.",
    "chat.prompt": "User message",
    "chat.send": "Send",
    "chat.answers": "Answers",
    "chat.details": "Usage and timing",
    "chat.examples": "Examples from the lesson",
    "stream.tab": "Streaming",
    "stream.intro": "**What this shows:** `stream=True` — the answer arrives token by token, like the lesson's "
    "`chat_stream.py`, and the whole conversation is sent each time (the model remembers nothing).\n"
    "\n"
    "**Try this:** ask something, press Stop halfway — the text so far stays. Ask a follow-up and "
    "compare the time to the first token with the total time.",
    "stream.chatbot": "Conversation",
    "stream.message": "Message",
    "stream.placeholder": "Write a message and press Enter",
    "stream.send": "Send",
    "stream.stop": "Stop",
    "stream.clear": "Clear",
    "stream.stats": "Statistics",
    "stream.others": "Other choices",
    "stream.pace": "Builtin model's speed (tokens/s)",
    "stream.pace.info": "How fast the builtin model streams here, so you can watch it: 0 = as fast as it can. "
    "Real hosts stream at their own speed.",
    "common.stop": "Stop",
    "persona.tab": "Prompt engineering",
    "persona.intro": "**What this shows:** the system message sets the rules: the same question gets a different "
    "answer from Yoda, a pirate or a formal teacher (the lesson's `prompt_engineering.py`). Both "
    "runs below stream at the same time: with and without the system message.\n"
    "\n"
    "**Try this:** pick a persona, then edit its system message; choose 'JSON only' and check "
    "whether the answer is valid JSON.",
    "persona.preset": "Persona",
    "persona.question": "Question",
    "persona.compare": "Also run without the system message",
    "persona.run": "Run",
    "persona.with": "With the system message",
    "persona.without": "Without a system message",
    "fewshot.tab": "Few-shot",
    "fewshot.intro": "**What this shows:** examples teach a format. Each row is sent as a real user message and "
    "assistant answer before your question (the lesson's `few_shot_examples.py`); the exact list is "
    "shown below.\n"
    "\n"
    "**Try this:** switch examples off one by one and compare with the zero-shot answer; add a row "
    "of your own.",
    "fewshot.preset": "Preset",
    "fewshot.table": "Examples (on · user → assistant)",
    "fewshot.question": "Question",
    "fewshot.compare": "Also run zero-shot (no examples)",
    "fewshot.run": "Run",
    "fewshot.answer": "Few-shot answer",
    "fewshot.zero": "Zero-shot answer",
    "fewshot.messages": "Messages sent",
    "chain.tab": "Chained calls",
    "chain.intro": "**What this shows:** the output of one call becomes the input of the next: explain → review as "
    "an editor → rewrite (the lesson's `chained_calls.py`). In a template, `{input}` is the text "
    "above, `{previous}` the output of the step before, `{step1}`… the output of any earlier step.\n"
    "\n"
    "**Try this:** edit the editor's feedback by hand, then press 'Run the steps after this one'.",
    "chain.input": "Input (fills the input placeholder)",
    "chain.steps": "Steps",
    "chain.add": "➕ Add step",
    "chain.remove": "➖ Remove step",
    "chain.run": "Run the chain",
    "chain.template": "Prompt template",
    "chain.output": "Output (editable)",
    "chain.rerun": "▶ Run the steps after this one",
    "vision.tab": "Vision",
    "vision.intro": "**What this shows:** an image travels inside the message as a base64 data URL part, next to the "
    "text. It is checked and shrunk first (longest side ≤ 2048 px); you see exactly what was sent.\n"
    "\n"
    "**Try this:** pick a sample, compare detail 'low' and 'high' on a vision model. The builtin "
    "model can't see and says so.",
    "vision.image": "Image (PNG, JPEG, WebP, GIF)",
    "vision.samples": "Sample images",
    "vision.question": "Question",
    "vision.detail": "Detail",
    "vision.run": "Ask",
    "vision.answer": "Answer",
    "vision.sent": "What was sent",
    "vision.preview": "Image sent",
    "knobs.top_p": "Top p",
    "knobs.top_p.info": "Sample only from the most likely tokens that add up to this probability. 1 = not sent.",
    "knobs.seed": "Seed",
    "knobs.seed.info": "The same seed and settings ask the host for the same answer. Empty = not sent.",
    "knobs.stop": "Stop sequences",
    "knobs.stop.info": "Up to 4 texts that end the answer when it writes them. Empty = not sent.",
    "knobs.presence_penalty": "Presence penalty",
    "knobs.presence_penalty.info": "Above 0: pushes towards tokens not used yet (new topics). 0 = not sent.",
    "knobs.frequency_penalty": "Frequency penalty",
    "knobs.frequency_penalty.info": "Above 0: the more a token was used, the less likely it gets. 0 = not sent.",
    "fewshot.on": "on",
    "fewshot.user": "user",
    "fewshot.assistant": "assistant",
    "lab.tab": "How it works",
    "lab.intro": "**What this shows:** text becomes tokens with IDs (Spanish usually costs more tokens than English), and a model writes by picking the next token by probability, the text growing one token at a time.\n\n**Try this:** compare the token counts of the same sentence in Spanish and English. Ask for the next token, move temperature and top_p and watch the chart change without a new call, then pick candidates to grow the reply.",
    "lab.text": "Text",
    "lab.encoding": "Encoding (auto follows the model)",
    "lab.tokens": "Tokens",
    "lab.compare": "Same sentence in Spanish and English",
    "lab.next": "### Next token",
    "lab.prompt": "Prompt",
    "lab.top_logprobs": "Candidates (top_logprobs)",
    "lab.ask": "Ask for the next token",
    "lab.sample": "🎲 Sample one",
    "lab.steps": "⏩ 10 steps",
    "lab.undo": "↶ Undo",
    "lab.candidates": "Pick a candidate to append it",
    "lab.chart": "Probability of each candidate",
    "lab.path": "Text so far",
    "lab.builtin": "Use the builtin model",
    "lab.try_again": "↻ Try again",
    "chat.probabilities": "Show probabilities",
    "chat.tokens": "Answer by token (shaded by probability; select one)",
}

MESSAGES = {
    "lesson.too_long": "The lesson file is too long: at most {most} characters.",
    "lesson.syntax": "Line {line} of the lesson file: this is not valid YAML or JSON.",
    "lesson.not_a_list": "Line {line} of the lesson file: it must be a list of steps (- tab: chat …).",
    "lesson.too_many": "Line {line} of the lesson file: at most {most} steps.",
    "lesson.step": "Line {line} of the lesson file: a step has a tab, and may have setup (name: value) and say (one line).",
    "lesson.tab": "Line {line} of the lesson file: '{tab}' is not a tab ({tabs}).",
    "lesson.unreadable": "The lesson file {path} cannot be read.",
    "lesson.problem": "⚠ {problem} The default lesson is used.",
    "presenter.qr_alt": "QR code of this page's address: {address}",
    "json_needs_the_word": "JSON mode needs the word JSON in the messages (hosts refuse it otherwise): add, for example, “Answer in JSON.” to the system message or the question.",
    "unknown_host": "Unknown host '{host}'. Choose one from the host list.",
    "missing_model": "{host} needs a model name: type one in the model box or set {var} in .env.",
    "missing_var": "{host} is not configured: set {var} in the .env file (see .env.sample), then restart.",
    "builtin_not_ready": "The builtin model is still starting. Try again in a second.",
    "auth": "{host} rejected the credentials (401). Check {var} in your .env file.",
    "forbidden": "{host} refused access (403): your key cannot use this model or resource.",
    "not_found": "{host} has no model '{model}' (404). Pick a model from the list or check the name.",
    "github_retired": "GitHub Models was retired on 30 July 2026 and now answers 410 Gone. Choose another host: the "
    "builtin model (offline, no key), Hugging Face (HF_TOKEN), OpenAI, Azure OpenAI or Ollama — "
    "set API_HOST in .env to change the default.",
    "gone": "{host} answered 410 Gone: this service or model was retired. Choose another host or model.",
    "rate_limit": "{host} is limiting how fast you can call it (429). Wait {wait} and send again.",
    "server_error": "{host} had a problem on its side ({status}), even after retrying. Try again in a moment.",
    "connection": "Could not reach {host} at {url}. Is it running, and is the base URL right?",
    "timeout": "{host} did not answer in time. Try again, or ask for fewer tokens.",
    "content_filter": "{host}'s content filter blocked this request. Rephrase your message and try again.",
    "content_filter_answer": "{host}'s content filter stopped the answer. The text before it is kept.",
    "unsupported_param": "This model does not accept the parameter '{param}'. Reset it to its default and try again.",
    "context_length": "The conversation is too long for this model. Clear the chat or shorten the messages.",
    "bad_request": "{host} refused the request (400): {detail}",
    "status": "{host} answered with an error ({status}): {detail}",
    "azure_signin": "Azure sign-in failed: run `az login` (or set AZURE_OPENAI_KEY in .env) and try again.",
    "interrupted": "The answer was cut off: {reason} The text received before that is kept.",
    "unexpected": "Something unexpected went wrong ({kind}). Try again; the server log has the details.",
    "empty_message": "Write a message first.",
    "invalid_setting": "Invalid value for {field}: {detail}",
    "wait_seconds": "{seconds} s",
    "wait_moment": "a moment",
    "empty_template": "Step {step} has an empty template. Write what the model should do, or remove the step.",
    "bad_placeholder": "Step {step} uses {name}, but that step does not come before it.",
    "no_image": "Upload an image or pick a sample first.",
    "not_an_image": "That file is not an image. Upload a PNG, JPEG, WebP or GIF.",
    "corrupt_image": "That image is damaged or incomplete and cannot be read. Try another file.",
    "image_format": "{kind} images can't be sent. Upload a PNG, JPEG, WebP or GIF.",
    "image_too_big": "That image is too large ({megabytes} MB). Upload one under 50 MB.",
    "no_vision": "This model cannot read images. Choose a vision-capable model (for example gpt-4o-mini).",
    "few_shot_incomplete": "{count} example row(s) had an empty side and were left out.",
    "waiting": "⏳ Waiting for {host}… {seconds} s",
    "retrying": "⏳ {host} answered {status}: retrying automatically ({count})… {seconds} s",
    "retry_without": "↻ Retry without '{param}'",
    "host.builtin": "Builtin demo model (offline)",
    "host.openai": "OpenAI",
    "host.azure": "Azure OpenAI",
    "host.ollama": "Ollama",
    "host.huggingface": "Hugging Face",
    "host.custom": "OpenAI-compatible URL",
    "host.github": "GitHub Models (retired)",
    "host.unknown": "The host",
    "out_of_range": "{name} must be between {low} and {high} (got {value}).",
    "not_a_number": "{name} must be a number (got {value}).",
    "too_many_stops": "{name}: at most {most} stop sequences (got {count}).",
    "unknown_persona": "Unknown persona '{persona}'. Use one of {known}, or write a system prompt.",
    "no_steps": "Give the chain at least one step (at most {most}).",
    "bad_examples": "Each example must be a pair [user, assistant].",
    "bad_detail": "Detail must be auto, low or high (got '{value}').",
    "connection_broke": "the connection to the host broke.",
    "stats.first_token": "1st token {seconds} s",
    "stats.speed": "{rate} tokens/s",
    "stats.tokens": "tokens {usage}",
    "few_shot.tokens": "few-shot: tokens {usage}",
    "zero_shot.tokens": "zero-shot: tokens {usage}",
    "unknown_encoding": "Unknown encoding '{encoding}'. Use one of {known}.",
    "no_logprobs": "{host} did not return token probabilities for '{model}'. Try the builtin model, or a model that supports logprobs (OpenAI non-reasoning, Ollama 0.12.11 or newer).",
    "lab.count": "{count} tokens · {characters} characters · {encoding}",
    "lab.note": "Computed over the {count} candidates the host returned: temperature {temperature} and top_p {top_p} keep {kept} of them.",
    "lab.kept": "kept",
    "lab.cut": "cut",
    "lab.reply": "**Reply so far** (tokens: {count}):",
    "lab.empty_path": "(nothing yet: ask for the next token)",
    "chat.alternatives_of": "Alternatives to {token}:",
    "reply_ended": "The model ends its reply here (finish_reason stop). Undo a step, or change the prompt.",
}

UI |= en_compare.UI
MESSAGES |= en_compare.MESSAGES
UI |= en_code.UI
MESSAGES |= en_code.MESSAGES
UI |= en_access.UI
MESSAGES |= en_access.MESSAGES
UI |= en_structured.UI
MESSAGES |= en_structured.MESSAGES
PRESETS |= en_structured.PRESETS
UI |= en_tools.UI
MESSAGES |= en_tools.MESSAGES
PRESETS |= en_tools.PRESETS
