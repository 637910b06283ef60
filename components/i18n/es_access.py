"""Texto en español del panel de claves, el inicio de sesión y los límites de la clase."""

UI = {
    "share.button": "🔗 Compartir la configuración de esta pestaña (sin claves)",
    "keys.openai": "**OpenAI**",
    "keys.azure": "**Azure OpenAI**",
    "keys.huggingface": "**Hugging Face**",
    "keys.custom": "**URL compatible con OpenAI**",
    "keys.panel": "🔑 Tus propias claves (solo en este navegador, mientras el playground esté abierto)",
    "keys.intro": "Usa tu propia cuenta: escribe una clave (y el endpoint o el modelo donde el host los necesite) y pulsa **Usar mis claves**. Se quedan en el servidor solo para este navegador, en todas las páginas del playground, se usan solo para tus llamadas y no se vuelven a mostrar, ni en las vistas de código ni en las exportaciones. **Olvidar** las borra; cerrar la última página del playground también (en unos minutos: recargar las conserva).",
    "keys.save": "Usar mis claves",
    "keys.forget": "Olvidar mis claves",
    # names for the few-shot table's check boxes (Gradio renders them unnamed; ui/accessible.py adds them)
    "fewshot.use_example": "Usar el ejemplo",
    "fewshot.use_every_example": "Usar todos los ejemplos",
}

MESSAGES = {
    "keys.saved": "✓ Se usan tus claves para: {hosts}. Elige el host arriba.",
    "keys.forgotten": "Tus claves se olvidaron.",
    "keys.no_cookie": "Tu navegador no guardó la cookie de esta página, así que tus claves no se pudieron guardar solo para ti. Permite las cookies de este sitio (o abre su dirección directa, no dentro de otra página) y vuelve a guardarlas.",
    "host_not_offered": "{host} no está configurado en esta copia. Elige un host de la lista, o añade tu propia clave en 🔑 Tus propias claves.",
    "own_setting_missing": "A tu configuración de {host} le falta {var}: tu clave va solo con tu propio endpoint y modelo. Abre 🔑 Tus propias claves arriba, escribe {var} y pulsa Usar mis claves (u Olvidar mis claves para usar el {host} de esta copia).",
    "step_too_long": "El prompt del paso {step} tiene {chars} caracteres una vez rellenado, más de los {most} que envía este playground. Usa cada marcador una vez, o una entrada más corta.",
    "own_key_needed": "{host} necesita tu propia clave en esta copia: abre 🔑 Tus propias claves arriba, escribe {var} y pulsa Usar mis claves (o inicia sesión, para Hugging Face).",
    "model_not_allowed": "Esta clase solo usa estos modelos con la cuenta del profesor: {models}. '{model}' no es uno de ellos.",
    "not_an_upload": "Ese archivo no es uno que hayas subido aquí. Vuelve a subir la imagen con el cuadro de subida.",
    "address_refused": "{url} apunta a una dirección de una red privada o local. Esta copia compartida solo llama a direcciones públicas.",
    "visitor_unreachable": "No hubo respuesta de {url}. Revisa la dirección (debe ser una URL https:// pública, p. ej. https://example.com/v1) y vuelve a intentarlo.",
    "visitor_status": "El servidor en {url} respondió con un error ({status}). Revisa la dirección, la clave y el modelo.",
    "rate_limited": "Esta clase permite un número limitado de peticiones por minuto y llegaste al límite. Espera {seconds} s y vuelve a enviar.",
    "too_many_at_once": "Tienes {most} llamadas en curso a la vez desde aquí, el máximo que permite esta clase. Espera a que termine una (o pulsa Detener) y vuelve a enviar.",
    "too_many_images": "Una petición puede llevar como mucho {most} imágenes; esta lleva {count}. Empieza una conversación nueva o envía menos imágenes.",
    "upload_too_big": "Una subida puede llevar como mucho {mb} MB de una vez. Sube menos archivos o más pequeños.",
    "bad_argument": "El parámetro '{name}' de la API debe ser {expected}. Omítelo (o envía null) para usar su valor por defecto.",
}
