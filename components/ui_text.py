"""Every static text of the page, in English and Spanish (fed to gr.I18n; the browser picks)."""

from __future__ import annotations

UI_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "# 🐍 Python + AI Playground",
        "app.subtitle": "Call language models from Python with the openai package: turn the knobs and watch.",
        "host.label": "Host",
        "host.info": "Where requests go. Hosts appear when their settings are in .env.",
        "model.label": "Model",
        "model.info": "From the host's model list, or type any name.",
        "builtin.note": (
            "🧪 **Builtin demo model.** It runs here with no key and no internet. It predicts the next token "
            "from counts in a small text about cats, haiku, Python and LLMs — it does not follow instructions "
            "like a real LLM. To use a real model, set for example `OPENAI_API_KEY=...` in `.env`."
        ),
        "knobs.system": "System message",
        "knobs.temperature": "Temperature",
        "knobs.temperature.info": "0 = always the most likely token; higher = more random.",
        "knobs.max_tokens": "Max tokens",
        "knobs.max_tokens.info": "0 = no limit. The answer stops with finish_reason 'length' at the limit.",
        "knobs.n": "Choices (n)",
        "knobs.n.info": "How many different answers to ask for in one call.",
        "chat.tab": "Chat",
        "chat.intro": (
            "**What this shows:** one call to `client.chat.completions.create` with a system message and a user "
            "message, like the lesson's `chat.py`. You see every choice, the tokens used and why each answer "
            "ended.\n\n**Try this:** set temperature to 0 and send twice — same answer. Raise it to 1.5 and ask "
            "for 3 choices. Set max tokens to 10 and look at finish_reason."
        ),
        "chat.prompt": "User message",
        "chat.send": "Send",
        "chat.answers": "Answers",
        "chat.details": "Usage and timing",
        "chat.examples": "Examples from the lesson",
        "stream.tab": "Streaming",
        "stream.intro": (
            "**What this shows:** `stream=True` — the answer arrives token by token, like the lesson's "
            "`chat_stream.py`, and the whole conversation is sent each time (the model remembers nothing).\n\n"
            "**Try this:** ask something, press Stop halfway — the text so far stays. Ask a follow-up and "
            "compare the time to the first token with the total time."
        ),
        "stream.chatbot": "Conversation",
        "stream.message": "Message",
        "stream.placeholder": "Write a message and press Enter",
        "stream.send": "Send",
        "stream.stop": "Stop",
        "stream.clear": "Clear",
        "stream.stats": "Statistics",
        "stream.others": "Other choices",
    },
    "es": {
        "app.title": "# 🐍 Playground de Python + IA",
        "app.subtitle": "Llama a modelos de lenguaje desde Python con el paquete openai: mueve los controles.",
        "host.label": "Host",
        "host.info": "A dónde van las peticiones. Los hosts aparecen cuando su configuración está en .env.",
        "model.label": "Modelo",
        "model.info": "De la lista de modelos del host, o escribe cualquier nombre.",
        "builtin.note": (
            "🧪 **Modelo de demostración integrado.** Corre aquí sin clave y sin internet. Predice el siguiente "
            "token a partir de cuentas en un texto corto sobre gatos, haiku, Python y LLMs — no sigue "
            "instrucciones como un LLM de verdad. Para usar un modelo real, define por ejemplo "
            "`OPENAI_API_KEY=...` en `.env`."
        ),
        "knobs.system": "Mensaje del sistema",
        "knobs.temperature": "Temperatura",
        "knobs.temperature.info": "0 = siempre el token más probable; más alta = más aleatoria.",
        "knobs.max_tokens": "Máximo de tokens",
        "knobs.max_tokens.info": "0 = sin límite. Al llegar al límite la respuesta termina con finish_reason 'length'.",
        "knobs.n": "Opciones (n)",
        "knobs.n.info": "Cuántas respuestas distintas pedir en una sola llamada.",
        "chat.tab": "Chat",
        "chat.intro": (
            "**Qué muestra:** una llamada a `client.chat.completions.create` con un mensaje del sistema y un "
            "mensaje del usuario, como `chat.py` de la lección. Ves cada opción, los tokens usados y por qué "
            "terminó cada respuesta.\n\n**Prueba esto:** pon la temperatura en 0 y envía dos veces: la misma "
            "respuesta. Súbela a 1.5 y pide 3 opciones. Pon el máximo de tokens en 10 y mira finish_reason."
        ),
        "chat.prompt": "Mensaje del usuario",
        "chat.send": "Enviar",
        "chat.answers": "Respuestas",
        "chat.details": "Uso y tiempos",
        "chat.examples": "Ejemplos de la lección",
        "stream.tab": "Streaming",
        "stream.intro": (
            "**Qué muestra:** `stream=True`: la respuesta llega token a token, como `chat_stream.py` de la "
            "lección, y se envía la conversación completa cada vez (el modelo no recuerda nada).\n\n"
            "**Prueba esto:** pregunta algo y pulsa Detener a la mitad: el texto recibido se queda. Haz otra "
            "pregunta y compara el tiempo hasta el primer token con el tiempo total."
        ),
        "stream.chatbot": "Conversación",
        "stream.message": "Mensaje",
        "stream.placeholder": "Escribe un mensaje y pulsa Enter",
        "stream.send": "Enviar",
        "stream.stop": "Detener",
        "stream.clear": "Limpiar",
        "stream.stats": "Estadísticas",
        "stream.others": "Otras opciones",
    },
}

# Presets from the lesson, in both languages: (system message, user message), and their button names.
CHAT_EXAMPLE_LABELS = ["🐱 Haiku (es)", "🐱 Haiku (en)", "🎓 LLMs (es)", "🐍 for loop (en)"]
CHAT_EXAMPLES = [
    (
        "Eres un asistente útil que hace muchas referencias a gatos y usa emojis.",
        "Escribe un haiku sobre un gato hambriento que quiere atún",
    ),
    (
        "You are a helpful assistant that makes lots of cat references and uses emojis.",
        "Write a haiku about a hungry cat who wants tuna",
    ),
    ("Eres un profesor paciente.", "Explica los LLMs en un párrafo"),
    ("You are a patient teacher.", "How do I write a for loop in Python?"),
]
