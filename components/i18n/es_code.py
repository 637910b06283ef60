"""Español: los comentarios de las vistas de código (en el idioma de quien lee)."""

UI = {
    "library.view": "La misma llamada en otra biblioteca (LangChain, LlamaIndex, PydanticAI, LiteLLM, API Responses)",
    "library.choice": "Biblioteca",
    "library.info": "Escribe la última llamada que envió esta pestaña, para esa biblioteca",
    "library.write": "↻ Escribir la última llamada",
    "export.button": "⬇ Exportar esta sesión (.py, .json, .md)",
    "export.files": "Archivos de la sesión",
    "code.view": "Código (Python y curl: lo que se acaba de enviar)",
}

MESSAGES = {
    "export.nothing": "Esta pestaña aún no envió nada: ejecútala primero.",
    "code.setup": "# El cliente para {host}. Las claves vienen del entorno, nunca del código.",
    "code.keyless": "# Sin clave: inicia sesión con tu cuenta de Azure (az login) y pide un token en cada llamada.",
    "code.builtin": "# El modelo integrado del playground, servido por la propia app: no hace falta clave.",
    "code.builtin_password": "# El modelo integrado del playground, servido por la propia app; esta clase tiene contraseña: es la clave.",
    "code.retired": "# GitHub Models se retiró el 30 de julio de 2026: responde 410 Gone.",
    "code.call": "# La petición, exactamente como la envió el playground.",
    "code.stream": "# La respuesta llega por partes; algunas (p. ej. la última, con el uso) no traen choices.",
    "code.chain": "# Paso {step}: su prompt se completa con las salidas que nombra.",
    "code.image": "# La imagen, leída de su archivo y enviada como data URL en base64.",
    "code.resized": "# (El playground envió una copia más pequeña, {width}x{height}: guárdala para enviar los mismos bytes.)",
    "code.tools_functions": "# Las funciones que ejecutó la app (datos de ejemplo): el modelo solo pide una llamada; tu código la hace.",
    "code.tools_schema": "# Lo que se le dice al modelo de ellas: nombre, descripción y parámetros de cada una (JSON Schema).",
    "code.tools_loop": "# Preguntar; ejecutar las llamadas que pide el modelo; devolverle los resultados; hasta que responda con texto (como mucho {most} peticiones).",
    "code.tools_run": "{indent}# Tu código ejecuta la función con los argumentos que escribió el modelo (leídos como JSON, nunca ejecutados como código).",
    "code.tools_auto": '{indent}# Con los resultados ya enviados, el modelo elige: "required" o una herramienta fija le harían llamar una y otra vez.',
    "code.library_leaves_out": "# {library} no envía estos aquí: {params} (el playground sí los envió).",
    "code.library_no_keyless": "# {library} toma aquí una clave, no el token de Azure: define AZURE_OPENAI_API_KEY y úsala como api_key.",
    "code.library_no_images": "# {library} toma las imágenes en una forma propia: este script las escribe tal cual, puede que no las acepte.",
    "code.library_host_may_not": "# Puede que este host no sirva la API Responses: OpenAI, Azure OpenAI y el modelo integrado sí.",
}
