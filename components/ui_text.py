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
        "common.stop": "Stop",
        "common.stats": "Statistics",
        "persona.tab": "Prompt engineering",
        "persona.intro": (
            "**What this shows:** the system message sets the rules: the same question gets a different answer "
            "from Yoda, a pirate or a formal teacher (the lesson's `prompt_engineering.py`). Both runs below "
            "stream at the same time: with and without the system message.\n\n**Try this:** pick a persona, "
            "then edit its system message; choose 'JSON only' and check whether the answer is valid JSON."
        ),
        "persona.preset": "Persona",
        "persona.question": "Question",
        "persona.compare": "Also run without the system message",
        "persona.run": "Run",
        "persona.with": "With the system message",
        "persona.without": "Without a system message",
        "fewshot.tab": "Few-shot",
        "fewshot.intro": (
            "**What this shows:** examples teach a format. Each row is sent as a real user message and assistant "
            "answer before your question (the lesson's `few_shot_examples.py`); the exact list is shown below."
            "\n\n**Try this:** switch examples off one by one and compare with the zero-shot answer; add a row "
            "of your own."
        ),
        "fewshot.preset": "Preset",
        "fewshot.table": "Examples (on · user → assistant)",
        "fewshot.question": "Question",
        "fewshot.compare": "Also run zero-shot (no examples)",
        "fewshot.run": "Run",
        "fewshot.answer": "Few-shot answer",
        "fewshot.zero": "Zero-shot answer",
        "fewshot.messages": "Messages sent",
        "chain.tab": "Chained calls",
        "chain.intro": (
            "**What this shows:** the output of one call becomes the input of the next: explain → review as an "
            "editor → rewrite (the lesson's `chained_calls.py`). In a template, `{input}` is the text above, "
            "`{previous}` the output of the step before, `{step1}`… the output of any earlier step.\n\n"
            "**Try this:** edit the editor's feedback by hand, then press 'Run the steps after this one'."
        ),
        "chain.input": "Input (fills the input placeholder)",
        "chain.steps": "Steps",
        "chain.add": "➕ Add step",
        "chain.remove": "➖ Remove step",
        "chain.run": "Run the chain",
        "chain.template": "Prompt template",
        "chain.output": "Output (editable)",
        "chain.rerun": "▶ Run the steps after this one",
        "vision.tab": "Vision",
        "vision.intro": (
            "**What this shows:** an image travels inside the message as a base64 data URL part, next to the "
            "text. It is checked and shrunk first (longest side ≤ 2048 px); you see exactly what was sent.\n\n"
            "**Try this:** pick a sample, compare detail 'low' and 'high' on a vision model. The builtin model "
            "can't see and says so."
        ),
        "vision.image": "Image (PNG, JPEG, WebP, GIF)",
        "vision.samples": "Sample images",
        "vision.question": "Question",
        "vision.detail": "Detail",
        "vision.run": "Ask",
        "vision.answer": "Answer",
        "vision.sent": "What was sent",
        "vision.preview": "Image sent",
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
        "common.stop": "Detener",
        "common.stats": "Estadísticas",
        "persona.tab": "Ingeniería de prompts",
        "persona.intro": (
            "**Qué muestra:** el mensaje del sistema pone las reglas: la misma pregunta recibe otra respuesta de "
            "Yoda, de un pirata o de un profesor formal (`prompt_engineering.py` de la lección). Las dos "
            "ejecuciones de abajo llegan a la vez: con y sin mensaje del sistema.\n\n**Prueba esto:** elige un "
            "personaje y edita su mensaje del sistema; elige 'Solo JSON' y comprueba si la respuesta es JSON válido."
        ),
        "persona.preset": "Personaje",
        "persona.question": "Pregunta",
        "persona.compare": "Ejecutar también sin mensaje del sistema",
        "persona.run": "Ejecutar",
        "persona.with": "Con el mensaje del sistema",
        "persona.without": "Sin mensaje del sistema",
        "fewshot.tab": "Few-shot",
        "fewshot.intro": (
            "**Qué muestra:** los ejemplos enseñan un formato. Cada fila se envía como un mensaje real del usuario "
            "y una respuesta del asistente antes de tu pregunta (`few_shot_examples.py` de la lección); abajo se "
            "ve la lista exacta.\n\n**Prueba esto:** apaga los ejemplos uno a uno y compara con la respuesta "
            "zero-shot; agrega una fila tuya."
        ),
        "fewshot.preset": "Ejemplo predefinido",
        "fewshot.table": "Ejemplos (activo · usuario → asistente)",
        "fewshot.question": "Pregunta",
        "fewshot.compare": "Ejecutar también zero-shot (sin ejemplos)",
        "fewshot.run": "Ejecutar",
        "fewshot.answer": "Respuesta few-shot",
        "fewshot.zero": "Respuesta zero-shot",
        "fewshot.messages": "Mensajes enviados",
        "chain.tab": "Llamadas encadenadas",
        "chain.intro": (
            "**Qué muestra:** la salida de una llamada es la entrada de la siguiente: explicar → revisar como "
            "editor → reescribir (`chained_calls.py` de la lección). En una plantilla, `{input}` es el texto de "
            "arriba, `{previous}` la salida del paso anterior y `{step1}`… la salida de cualquier paso previo."
            "\n\n**Prueba esto:** edita a mano los comentarios del editor y pulsa 'Ejecutar los pasos siguientes'."
        ),
        "chain.input": "Entrada (llena el marcador input)",
        "chain.steps": "Pasos",
        "chain.add": "➕ Agregar paso",
        "chain.remove": "➖ Quitar paso",
        "chain.run": "Ejecutar la cadena",
        "chain.template": "Plantilla del prompt",
        "chain.output": "Salida (editable)",
        "chain.rerun": "▶ Ejecutar los pasos siguientes",
        "vision.tab": "Visión",
        "vision.intro": (
            "**Qué muestra:** una imagen viaja dentro del mensaje como una parte con una data URL en base64, junto "
            "al texto. Antes se revisa y se reduce (lado mayor ≤ 2048 px); ves exactamente lo que se envió.\n\n"
            "**Prueba esto:** elige un ejemplo y compara el detalle 'low' y 'high' con un modelo con visión. El "
            "modelo integrado no puede ver y lo dice."
        ),
        "vision.image": "Imagen (PNG, JPEG, WebP, GIF)",
        "vision.samples": "Imágenes de ejemplo",
        "vision.question": "Pregunta",
        "vision.detail": "Detalle",
        "vision.run": "Preguntar",
        "vision.answer": "Respuesta",
        "vision.sent": "Lo que se envió",
        "vision.preview": "Imagen enviada",
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
