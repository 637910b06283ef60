"""Spanish: the page's text (UI), what the server says (MESSAGES) and the presets (PRESETS, in
es_presets.py)."""

from . import es_access, es_code, es_compare, es_structured, es_tools
from .es_presets import PRESETS  # noqa: F401  (one catalog: UI, MESSAGES, PRESETS)

UI = {
    "lesson.label": "La lección",
    "lesson.previous": "← Anterior",
    "lesson.next": "Siguiente →",
    "lesson.begin": "Empezar la lección →",
    "presenter.toggle": "🖥 Vista de presentación (sí/no)",
    "presenter.qr": "📱 Código QR de esta página",
    "app.header": "# 🐍 Playground de Python + IA\n\nLlama a modelos de lenguaje desde Python con el paquete openai: mueve los controles.",
    "host.label": "Host",
    "host.info": "A dónde van las peticiones. Los hosts aparecen cuando su configuración está en .env.",
    "model.label": "Modelo",
    "model.info": "De la lista de modelos del host, o escribe cualquier nombre.",
    "builtin.note": "🧪 **Modelo de demostración integrado.** Corre aquí sin clave y sin internet. Predice el "
    "siguiente token a partir de cuentas en un texto corto sobre gatos, haiku, Python y LLMs, y copia patrones de lo "
    "que le das (ejemplos, turnos anteriores, un texto para trabajar) y de unos textos de personajes; no entiende. "
    "Los personajes, los formatos few-shot y el modo JSON se ven de verdad. Para usar un modelo real, define por "
    "ejemplo `OPENAI_API_KEY=...` en `.env`."
    "\n\nConoce estos personajes: un pirata 🏴‍☠️, Yoda, el Chavo (Chespirito), un profesor formal y «como si "
    "tuviera 10 años»; si le pides otro («como un robot»), hace lo que sí puede: breve, en N frases o viñetas, en "
    "mayúsculas, sin emojis, solo sí o no, en inglés o en español.",
    "knobs.system": "Mensaje del sistema",
    "knobs.temperature": "Temperatura",
    "knobs.temperature.info": "0 = siempre el token más probable; más alta = más aleatoria. 1 = no se envía (lo predeterminado del host).",
    "knobs.max_tokens": "Máximo de tokens",
    "knobs.max_tokens.info": "0 = no se envía (sin límite). Al llegar al límite la respuesta termina con finish_reason 'length'.",
    "knobs.n": "Opciones (n)",
    "knobs.n.info": "Cuántas respuestas distintas pedir en una sola llamada. 1 = no se envía.",
    "chat.tab": "Chat",
    "chat.intro": "**Qué muestra:** una llamada a `client.chat.completions.create` con un mensaje del sistema y un "
    "mensaje del usuario, como `chat.py` de la lección. Ves cada opción, los tokens usados y por qué "
    "terminó cada respuesta.\n"
    "\n"
    "**Prueba esto:** pon la temperatura en 0 y envía dos veces: la misma respuesta. Súbela a 1.5 y "
    "pide 3 opciones. Pon el máximo de tokens en 10 y mira finish_reason.",
    "chat.prompt": "Mensaje del usuario",
    "chat.send": "Enviar",
    "chat.answers": "Respuestas",
    "chat.details": "Uso y tiempos",
    "chat.examples": "Ejemplos de la lección",
    "stream.tab": "Streaming",
    "stream.intro": "**Qué muestra:** `stream=True`: la respuesta llega token a token, como `chat_stream.py` de la "
    "lección, y se envía la conversación completa cada vez (el modelo no recuerda nada).\n"
    "\n"
    "**Prueba esto:** pregunta algo y pulsa Detener a la mitad: el texto recibido se queda. Haz otra "
    "pregunta y compara el tiempo hasta el primer token con el tiempo total.",
    "stream.chatbot": "Conversación",
    "stream.message": "Mensaje",
    "stream.placeholder": "Escribe un mensaje y pulsa Enter",
    "stream.send": "Enviar",
    "stream.stop": "Detener",
    "stream.clear": "Limpiar",
    "stream.stats": "Estadísticas",
    "stream.others": "Otras opciones",
    "stream.pace": "Velocidad del modelo integrado (tokens/s)",
    "stream.pace.info": "Qué tan rápido transmite aquí el modelo integrado, para que lo veas: 0 = lo más rápido "
    "posible. Los hosts reales transmiten a su propia velocidad.",
    "common.stop": "Detener",
    "persona.tab": "Ingeniería de prompts",
    "persona.intro": "**Qué muestra:** el mensaje del sistema pone las reglas: la misma pregunta recibe otra "
    "respuesta de Yoda, de un pirata o de un profesor formal (`prompt_engineering.py` de la "
    "lección). Las dos ejecuciones de abajo llegan a la vez: con y sin mensaje del sistema.\n"
    "\n"
    "**Prueba esto:** elige un personaje y edita su mensaje del sistema; elige 'Solo JSON' y "
    "comprueba si la respuesta es JSON válido.",
    "persona.preset": "Personaje",
    "persona.question": "Pregunta",
    "persona.compare": "Ejecutar también sin mensaje del sistema",
    "persona.run": "Ejecutar",
    "persona.with": "Con el mensaje del sistema",
    "persona.without": "Sin mensaje del sistema",
    "fewshot.tab": "Few-shot",
    "fewshot.intro": "**Qué muestra:** los ejemplos enseñan un formato. Cada fila se envía como un mensaje real del "
    "usuario y una respuesta del asistente antes de tu pregunta (`few_shot_examples.py` de la "
    "lección); abajo se ve la lista exacta.\n"
    "\n"
    "**Prueba esto:** apaga los ejemplos uno a uno y compara con la respuesta zero-shot; agrega una "
    "fila tuya.",
    "fewshot.preset": "Ejemplo predefinido",
    "fewshot.table": "Ejemplos (usar · usuario → asistente)",
    "fewshot.question": "Pregunta",
    "fewshot.compare": "Ejecutar también zero-shot (sin ejemplos)",
    "fewshot.run": "Ejecutar",
    "fewshot.answer": "Respuesta few-shot",
    "fewshot.zero": "Respuesta zero-shot",
    "fewshot.messages": "Mensajes enviados",
    "chain.tab": "Llamadas encadenadas",
    "chain.intro": "**Qué muestra:** la salida de una llamada es la entrada de la siguiente: explicar → revisar como "
    "editor → reescribir (`chained_calls.py` de la lección). En una plantilla, `{input}` es el texto "
    "de arriba, `{previous}` la salida del paso anterior y `{step1}`… la salida de cualquier paso "
    "previo.\n"
    "\n"
    "**Prueba esto:** edita a mano los comentarios del editor y pulsa 'Ejecutar los pasos "
    "siguientes'.",
    "chain.input": "Entrada (llena el marcador input)",
    "chain.steps": "Pasos",
    "chain.add": "➕ Agregar paso",
    "chain.remove": "➖ Quitar paso",
    "chain.run": "Ejecutar la cadena",
    "chain.template": "Plantilla del prompt",
    "chain.output": "Salida (editable)",
    "chain.rerun": "▶ Ejecutar los pasos siguientes",
    "vision.tab": "Visión",
    "vision.intro": "**Qué muestra:** una imagen viaja dentro del mensaje como una parte con una data URL en base64, "
    "junto al texto. Antes se revisa y se reduce (lado mayor ≤ 2048 px); ves exactamente lo que se "
    "envió.\n"
    "\n"
    "**Prueba esto:** elige un ejemplo y compara el detalle 'low' y 'high' con un modelo con visión. "
    "El modelo integrado no puede ver y lo dice.",
    "vision.image": "Imagen (PNG, JPEG, WebP, GIF)",
    "vision.samples": "Imágenes de ejemplo",
    "vision.question": "Pregunta",
    "vision.detail": "Detalle",
    "vision.run": "Preguntar",
    "vision.answer": "Respuesta",
    "vision.sent": "Lo que se envió",
    "vision.preview": "Imagen enviada",
    "knobs.top_p": "Top p",
    "knobs.top_p.info": "Muestrea solo entre los tokens más probables que suman esta probabilidad. 1 = no se envía.",
    "knobs.seed": "Semilla",
    "knobs.seed.info": "La misma semilla y los mismos ajustes piden al host la misma respuesta. Vacío = no se envía.",
    "knobs.stop": "Secuencias de parada",
    "knobs.stop.info": "Hasta 4 textos que terminan la respuesta cuando los escribe. Vacío = no se envía.",
    "knobs.presence_penalty": "Penalización de presencia",
    "knobs.presence_penalty.info": "Mayor que 0: empuja hacia tokens aún no usados (temas nuevos). 0 = no se envía.",
    "knobs.frequency_penalty": "Penalización de frecuencia",
    "knobs.frequency_penalty.info": "Mayor que 0: cuanto más se usó un token, menos probable es. 0 = no se envía.",
    "fewshot.on": "usar",
    "fewshot.user": "usuario",
    "fewshot.assistant": "asistente",
    "lab.tab": "Cómo funciona",
    "lab.intro": "**Qué muestra:** el texto se convierte en tokens con IDs (el español suele costar más tokens que el inglés), y un modelo escribe eligiendo el siguiente token por probabilidad, y el texto crece un token cada vez.\n\n**Prueba esto:** compara cuántos tokens tiene la misma frase en español y en inglés. Pide el siguiente token, mueve la temperatura y top_p y mira cómo cambia el gráfico sin una nueva llamada; luego elige candidatos para hacer crecer la respuesta.",
    "lab.text": "Texto",
    "lab.encoding": "Codificación (auto sigue al modelo)",
    "lab.tokens": "Tokens",
    "lab.compare": "La misma frase en español e inglés",
    "lab.next": "### Siguiente token",
    "lab.prompt": "Prompt",
    "lab.top_logprobs": "Candidatos (top_logprobs)",
    "lab.ask": "Pedir el siguiente token",
    "lab.sample": "🎲 Elegir uno al azar",
    "lab.steps": "⏩ 10 pasos",
    "lab.undo": "↶ Deshacer",
    "lab.candidates": "Elige un candidato para agregarlo",
    "lab.chart": "Probabilidad de cada candidato",
    "lab.path": "Texto hasta ahora",
    "lab.builtin": "Usar el modelo integrado",
    "lab.try_again": "↻ Reintentar",
    "chat.probabilities": "Mostrar probabilidades",
    "chat.tokens": "Respuesta por token (sombreada por probabilidad; elige uno)",
}

MESSAGES = {
    "lesson.too_long": "El archivo de la lección es demasiado largo: como máximo {most} caracteres.",
    "lesson.syntax": "Línea {line} del archivo de la lección: no es YAML ni JSON válido.",
    "lesson.not_a_list": "Línea {line} del archivo de la lección: debe ser una lista de pasos (- tab: chat …).",
    "lesson.too_many": "Línea {line} del archivo de la lección: como máximo {most} pasos.",
    "lesson.step": "Línea {line} del archivo de la lección: un paso tiene tab, y si quiere setup (nombre: valor) y say (una frase).",
    "lesson.tab": "Línea {line} del archivo de la lección: «{tab}» no es una pestaña ({tabs}).",
    "lesson.unreadable": "No se puede leer el archivo de la lección {path}.",
    "lesson.problem": "⚠ {problem} Se usa la lección de siempre.",
    "presenter.qr_alt": "Código QR de la dirección de esta página: {address}",
    "json_needs_the_word": "El modo JSON necesita la palabra JSON en los mensajes (si no, los hosts lo rechazan): añade, por ejemplo, «Responde en JSON.» al mensaje del sistema o a la pregunta.",
    "unknown_host": "Host desconocido '{host}'. Elige uno de la lista de hosts.",
    "missing_model": "{host} necesita un nombre de modelo: escríbelo en la caja de modelo o define {var} en .env.",
    "missing_var": "{host} no está configurado: define {var} en el archivo .env (ver .env.sample) y reinicia.",
    "builtin_not_ready": "El modelo integrado todavía está arrancando. Inténtalo de nuevo en un segundo.",
    "auth": "{host} rechazó las credenciales (401). Revisa {var} en tu archivo .env.",
    "forbidden": "{host} negó el acceso (403): tu clave no puede usar este modelo o recurso.",
    "not_found": "{host} no tiene el modelo '{model}' (404). Elige un modelo de la lista o revisa el nombre.",
    "github_retired": "GitHub Models se retiró el 30 de julio de 2026 y ahora responde 410 Gone. Elige otro host: el "
    "modelo integrado (sin conexión, sin clave), Hugging Face (HF_TOKEN), OpenAI, Azure OpenAI u "
    "Ollama — define API_HOST en .env para cambiar el predeterminado.",
    "gone": "{host} respondió 410 Gone: este servicio o modelo se retiró. Elige otro host o modelo.",
    "rate_limit": "{host} está limitando la frecuencia de llamadas (429). Espera {wait} y envía de nuevo.",
    "server_error": "{host} tuvo un problema de su lado ({status}), incluso después de reintentar. Inténtalo de "
    "nuevo en un momento.",
    "connection": "No se pudo conectar con {host} en {url}. ¿Está en marcha y la URL base es correcta?",
    "timeout": "{host} no respondió a tiempo. Inténtalo de nuevo o pide menos tokens.",
    "content_filter": "El filtro de contenido de {host} bloqueó esta petición. Reformula tu mensaje e inténtalo de "
    "nuevo.",
    "content_filter_answer": "El filtro de contenido de {host} detuvo la respuesta. Se conserva el texto previo.",
    "unsupported_param": "Este modelo no acepta el parámetro '{param}'. Devuélvelo a su valor predeterminado e "
    "inténtalo de nuevo.",
    "context_length": "La conversación es demasiado larga para este modelo. Limpia el chat o acorta los mensajes.",
    "bad_request": "{host} rechazó la petición (400): {detail}",
    "status": "{host} respondió con un error ({status}): {detail}",
    "azure_signin": "Falló el inicio de sesión en Azure: ejecuta `az login` (o define AZURE_OPENAI_KEY en .env) e "
    "inténtalo de nuevo.",
    "interrupted": "La respuesta se cortó: {reason} Se conserva el texto recibido antes.",
    "unexpected": "Algo inesperado falló ({kind}). Inténtalo de nuevo; el registro del servidor tiene detalles.",
    "empty_message": "Escribe un mensaje primero.",
    "invalid_setting": "Valor no válido para {field}: {detail}",
    "wait_seconds": "{seconds} s",
    "wait_moment": "un momento",
    "empty_template": "El paso {step} tiene la plantilla vacía. Escribe qué debe hacer el modelo o quita el paso.",
    "bad_placeholder": "El paso {step} usa {name}, pero ese paso no va antes que él.",
    "no_image": "Sube una imagen o elige un ejemplo primero.",
    "not_an_image": "Ese archivo no es una imagen. Sube un PNG, JPEG, WebP o GIF.",
    "corrupt_image": "Esa imagen está dañada o incompleta y no se puede leer. Prueba con otro archivo.",
    "image_format": "Las imágenes {kind} no se pueden enviar. Sube un PNG, JPEG, WebP o GIF.",
    "image_too_big": "Esa imagen es demasiado grande ({megabytes} MB). Sube una de menos de 50 MB.",
    "no_vision": "Este modelo no puede leer imágenes. Elige un modelo con visión (por ejemplo gpt-4o-mini).",
    "few_shot_incomplete": "Se omitieron {count} fila(s) de ejemplos con un lado vacío.",
    "waiting": "⏳ Esperando a {host}… {seconds} s",
    "retrying": "⏳ {host} respondió {status}: se reintenta automáticamente ({count})… {seconds} s",
    "retry_without": "↻ Reintentar sin '{param}'",
    "host.builtin": "Modelo de demostración integrado (sin conexión)",
    "host.openai": "OpenAI",
    "host.azure": "Azure OpenAI",
    "host.ollama": "Ollama",
    "host.huggingface": "Hugging Face",
    "host.custom": "URL compatible con OpenAI",
    "host.github": "GitHub Models (retirado)",
    "host.unknown": "El host",
    "out_of_range": "{name} debe estar entre {low} y {high} (se recibió {value}).",
    "not_a_number": "{name} debe ser un número (se recibió {value}).",
    "too_many_stops": "{name}: como máximo {most} secuencias de parada (se recibieron {count}).",
    "unknown_persona": "Personaje desconocido '{persona}'. Usa uno de {known}, o escribe un mensaje del sistema.",
    "no_steps": "La cadena necesita al menos un paso (como máximo {most}).",
    "bad_examples": "Cada ejemplo debe ser un par [usuario, asistente].",
    "bad_detail": "El detalle debe ser auto, low o high (se recibió '{value}').",
    "connection_broke": "se cortó la conexión con el host.",
    "stats.first_token": "1.er token {seconds} s",
    "stats.speed": "{rate} tokens/s",
    "stats.tokens": "tokens {usage}",
    "few_shot.tokens": "few-shot: tokens {usage}",
    "zero_shot.tokens": "zero-shot: tokens {usage}",
    "unknown_encoding": "Codificación desconocida '{encoding}'. Usa una de {known}.",
    "no_logprobs": "{host} no devolvió las probabilidades de los tokens para '{model}'. Prueba el modelo integrado, o un modelo que admita logprobs (OpenAI sin razonamiento, Ollama 0.12.11 o posterior).",
    "lab.count": "{count} tokens · {characters} caracteres · {encoding}",
    "lab.note": "Calculado sobre los {count} candidatos que devolvió el host: la temperatura {temperature} y top_p {top_p} dejan {kept}.",
    "lab.kept": "se queda",
    "lab.cut": "se corta",
    "lab.reply": "**Respuesta hasta ahora** (tokens: {count}):",
    "lab.empty_path": "(nada aún: pide el siguiente token)",
    "chat.alternatives_of": "Alternativas a {token}:",
    "reply_ended": "El modelo termina su respuesta aquí (finish_reason stop). Deshaz un paso o cambia el prompt.",
}

UI |= es_compare.UI
MESSAGES |= es_compare.MESSAGES
UI |= es_code.UI
MESSAGES |= es_code.MESSAGES
UI |= es_access.UI
MESSAGES |= es_access.MESSAGES
UI |= es_structured.UI
MESSAGES |= es_structured.MESSAGES
PRESETS |= es_structured.PRESETS
UI |= es_tools.UI
MESSAGES |= es_tools.MESSAGES
PRESETS |= es_tools.PRESETS
