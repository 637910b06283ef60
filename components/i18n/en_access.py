"""English text of the Keys panel, sign-in and the class limits."""

UI = {
    "share.button": "🔗 Share this tab's setup (no key travels)",
    "keys.openai": "**OpenAI**",
    "keys.azure": "**Azure OpenAI**",
    "keys.huggingface": "**Hugging Face**",
    "keys.custom": "**OpenAI-compatible URL**",
    "keys.panel": "🔑 Your own keys (this session only)",
    "keys.intro": "Use your own account: type a key (and the endpoint or model where a host needs them) and press **Use my keys**. They stay on the server for this browser session only, are used only for your calls and are never shown again, not in the code views nor in exports. **Forget** clears them; closing the page forgets them too.",
    "keys.save": "Use my keys",
    "keys.forget": "Forget my keys",
}

MESSAGES = {
    "keys.saved": "✓ Your keys are used for: {hosts}. Choose the host above.",
    "keys.forgotten": "Your keys are forgotten.",
    "rate_limited": "This class allows a limited number of requests per minute and you reached it. Wait {seconds} s and send again.",
}
