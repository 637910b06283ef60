"""Server-side messages (errors, notes) in English and Spanish, and the reader's language.

Gradio's I18n translates the page's static text only; what the server says comes from here.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "unknown_host": "Unknown host '{host}'. Choose one from the host list.",
        "missing_model": "{host} needs a model name: type one in the model box or set {var} in .env.",
        "missing_var": "{host} is not configured: set {var} in the .env file (see .env.sample), then restart.",
        "builtin_not_ready": "The builtin model is still starting. Try again in a second.",
        "auth": "{host} rejected the credentials (401). Check {var} in your .env file.",
        "forbidden": "{host} refused access (403): your key cannot use this model or resource.",
        "not_found": "{host} has no model '{model}' (404). Pick a model from the list or check the name.",
        "github_retired": (
            "GitHub Models was retired on 30 July 2026 and now answers 410 Gone. Choose another host: the "
            "builtin model (offline, no key), Hugging Face (HF_TOKEN), OpenAI, Azure OpenAI or Ollama — "
            "set API_HOST in .env to change the default."
        ),
        "gone": "{host} answered 410 Gone: this service or model was retired. Choose another host or model.",
        "rate_limit": "{host} is limiting how fast you can call it (429). Wait {wait} and send again.",
        "server_error": "{host} had a problem on its side ({status}), even after retrying. Try again in a moment.",
        "connection": "Could not reach {host} at {url}. Is it running, and is the base URL right?",
        "timeout": "{host} did not answer in time. Try again, or ask for fewer tokens.",
        "content_filter": "{host}'s content filter blocked this request. Rephrase your message and try again.",
        "content_filter_answer": "{host}'s content filter stopped the answer. The text before it is kept.",
        "unsupported_param": (
            "This model does not accept the parameter '{param}'. Reset it to its default and try again."
        ),
        "context_length": "The conversation is too long for this model. Clear the chat or shorten the messages.",
        "bad_request": "{host} refused the request (400): {detail}",
        "status": "{host} answered with an error ({status}): {detail}",
        "azure_signin": ("Azure sign-in failed: run `az login` (or set AZURE_OPENAI_KEY in .env) and try again."),
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
    },
    "es": {
        "unknown_host": "Host desconocido '{host}'. Elige uno de la lista de hosts.",
        "missing_model": "{host} necesita un nombre de modelo: escríbelo en la caja de modelo o define {var} en .env.",
        "missing_var": "{host} no está configurado: define {var} en el archivo .env (ver .env.sample) y reinicia.",
        "builtin_not_ready": "El modelo integrado todavía está arrancando. Inténtalo de nuevo en un segundo.",
        "auth": "{host} rechazó las credenciales (401). Revisa {var} en tu archivo .env.",
        "forbidden": "{host} negó el acceso (403): tu clave no puede usar este modelo o recurso.",
        "not_found": "{host} no tiene el modelo '{model}' (404). Elige un modelo de la lista o revisa el nombre.",
        "github_retired": (
            "GitHub Models se retiró el 30 de julio de 2026 y ahora responde 410 Gone. Elige otro host: el "
            "modelo integrado (sin conexión, sin clave), Hugging Face (HF_TOKEN), OpenAI, Azure OpenAI u "
            "Ollama — define API_HOST en .env para cambiar el predeterminado."
        ),
        "gone": "{host} respondió 410 Gone: este servicio o modelo se retiró. Elige otro host o modelo.",
        "rate_limit": "{host} está limitando la frecuencia de llamadas (429). Espera {wait} y envía de nuevo.",
        "server_error": (
            "{host} tuvo un problema de su lado ({status}), incluso después de reintentar. "
            "Inténtalo de nuevo en un momento."
        ),
        "connection": "No se pudo conectar con {host} en {url}. ¿Está en marcha y la URL base es correcta?",
        "timeout": "{host} no respondió a tiempo. Inténtalo de nuevo o pide menos tokens.",
        "content_filter": (
            "El filtro de contenido de {host} bloqueó esta petición. Reformula tu mensaje e inténtalo de nuevo."
        ),
        "content_filter_answer": "El filtro de contenido de {host} detuvo la respuesta. Se conserva el texto previo.",
        "unsupported_param": (
            "Este modelo no acepta el parámetro '{param}'. Devuélvelo a su valor predeterminado e inténtalo de nuevo."
        ),
        "context_length": "La conversación es demasiado larga para este modelo. Limpia el chat o acorta los mensajes.",
        "bad_request": "{host} rechazó la petición (400): {detail}",
        "status": "{host} respondió con un error ({status}): {detail}",
        "azure_signin": (
            "Falló el inicio de sesión en Azure: ejecuta `az login` (o define AZURE_OPENAI_KEY en .env) "
            "e inténtalo de nuevo."
        ),
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
    },
}
LANGUAGES = ("en", "es")


def translate(key: str, language: str, **values: object) -> str:
    catalog = MESSAGES.get(language, MESSAGES["en"])
    return catalog.get(key, MESSAGES["en"][key]).format(**values)


def language_from_header(accept_language: str | None) -> str:
    """Pick es or en from an Accept-Language header (highest q first); English when neither is there."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "en"
