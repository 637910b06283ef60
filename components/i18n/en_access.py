"""English text of the Keys panel, sign-in and the class limits."""

UI = {
    "share.button": "🔗 Share this tab's setup (no key travels)",
    "keys.openai": "**OpenAI**",
    "keys.azure": "**Azure OpenAI**",
    "keys.huggingface": "**Hugging Face**",
    "keys.custom": "**OpenAI-compatible URL**",
    "keys.panel": "🔑 Your own keys (this browser only, while the playground is open)",
    "keys.intro": "Use your own account: type a key (and the endpoint or model where a host needs them) and press **Use my keys**. They stay on the server for this browser only, on every page of the playground, are used only for your calls and are never shown again, not in the code views nor in exports. **Forget** clears them; closing the last page of the playground forgets them too (within minutes: a reload keeps them).",
    "keys.save": "Use my keys",
    "keys.forget": "Forget my keys",
    # names for the few-shot table's check boxes (Gradio renders them unnamed; ui/accessible.py adds them)
    "fewshot.use_example": "Use example",
    "fewshot.use_every_example": "Use every example",
}

MESSAGES = {
    "keys.saved": "✓ Your keys are used for: {hosts}. Choose the host above.",
    "keys.forgotten": "Your keys are forgotten.",
    "keys.no_cookie": "Your browser did not keep this page's cookie, so your keys could not be kept for you alone. Allow cookies for this site (or open its direct address, not inside another page) and save them again.",
    "host_not_offered": "{host} is not set up on this copy. Choose a host from the list, or add your own key for it in 🔑 Your own keys.",
    "own_setting_missing": "Your own settings for {host} lack {var}: a key goes only with your own endpoint and model. Open 🔑 Your own keys above, type {var} and press Use my keys (or Forget my keys to use this copy's {host}).",
    "step_too_long": "Step {step}'s prompt is {chars} characters once filled in, over the {most} this playground sends. Use each placeholder once, or a shorter input.",
    "own_key_needed": "{host} needs your own key on this copy: open 🔑 Your own keys above, type {var} and press Use my keys (or sign in, for Hugging Face).",
    "model_not_allowed": "This class uses only these models on the teacher's account: {models}. '{model}' is not one of them.",
    "not_an_upload": "That file is not one you uploaded here. Upload the image again with the upload box.",
    "address_refused": "{url} points to a private or local network address. This shared copy only calls public addresses.",
    "visitor_unreachable": "No answer from {url}. Check the address (it must be a public https:// URL, e.g. https://example.com/v1) and try again.",
    "visitor_status": "The server at {url} answered with an error ({status}). Check the address, the key and the model.",
    "rate_limited": "This class allows a limited number of requests per minute and you reached it. Wait {seconds} s and send again.",
    "too_many_at_once": "You have {most} calls running at once from here, the most this class allows. Wait for one to finish (or press Stop) and send again.",
    "too_many_images": "One request may carry at most {most} images; this one has {count}. Start a new conversation or send fewer images.",
    "upload_too_big": "An upload may carry at most {mb} MB at once. Upload fewer or smaller files.",
    "bad_argument": "The API parameter '{name}' must be {expected}. Leave it out (or send null) for its default.",
}
