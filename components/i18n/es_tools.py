"""Texto en español de la pestaña Llamadas a funciones: sus etiquetas, las frases del bucle, lo que falla en el
JSON de las herramientas, las herramientas de la app descritas al modelo y los ejemplos (el tiempo, un dato de
gatos, unidades, las tres, ninguna)."""

UI = {
    "tools.tab": "Llamadas a funciones",
    "tools.intro": "**Qué muestra:** el modelo nunca ejecuta nada. Con `tools` (funciones descritas con JSON Schema) puede responder con `tool_calls`: el nombre de una función y sus argumentos. Tu código ejecuta la función y le devuelve el resultado en un mensaje `tool`; entonces el modelo responde. Aquí la app ejecuta sus propias herramientas de ejemplo (el tiempo, datos de gatos, unidades).\n\n**Prueba esto:** pulsa **Paso** para recorrer el bucle mensaje a mensaje; pon `tool_choice` en `none` y luego en `required`; pide un haiku con la herramienta del tiempo puesta.",
    "tools.preset": "Ejemplo",
    "tools.tools": "Herramientas (funciones descritas con JSON Schema; se leen como JSON, nunca se ejecutan)",
    "tools.message": "Mensaje",
    "tools.choice": "tool_choice",
    "tools.choice.info": "auto: decide el modelo · required: debe llamar a una · none: no puede · el nombre de una: esa",
    "tools.parallel": "parallel_tool_calls",
    "tools.parallel.info": "¿Puede el modelo pedir varias llamadas a la vez? (no enviado: lo que haga el host, casi siempre sí)",
    "tools.not_sent": "no enviado",
    "tools.step": "Paso ▶",
    "tools.run": "Ejecutar hasta el final ⏭",
    "tools.conversation": "El bucle, mensaje a mensaje",
    "tools.bodies": "Cada petición enviada, en orden",
}

MESSAGES = {
    "tools.empty": 'Escribe las herramientas en JSON, por ejemplo: [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}}}]',
    "tools.too_long": "El JSON de las herramientas es demasiado largo: como máximo {most} caracteres.",
    "tools.json": "Línea {line} de las herramientas: no es JSON válido ({problem}).",
    "tools.too_deep": "El JSON de las herramientas está anidado demasiado: como máximo {most} niveles.",
    "tools.count": "Da de 1 a {most} herramientas.",
    "tools.shape": 'Herramienta {number}: escríbela como {{"type": "function", "function": {{"name": …, "description": …, "parameters": {{…}}}}}}.',
    "tools.name": "Herramienta {number}: su nombre debe tener de 1 a 64 letras, cifras, _ o -.",
    "tools.duplicate": "Hay dos herramientas llamadas '{name}': cada nombre una vez.",
    "tools.parameters": 'Herramienta {name}: sus parámetros deben ser un objeto JSON Schema: {{"type": "object", "properties": {{…}}}}.',
    "tools.choice": "tool_choice '{choice}' no es auto, required, none ni una de las herramientas ({names}).",
    "tools.asking": "Petición {number}: esperando al modelo…",
    "tools.wants": "🛠 El modelo pide {count} llamada(s) a herramientas. **Paso** las ejecuta: lo hace tu código, no el modelo.",
    "tools.ran": "📦 {count} resultado(s) devueltos en mensajes `tool`. **Paso** vuelve a preguntar al modelo.",
    "tools.answered": "✅ El modelo respondió con texto tras {asked} petición(es).",
    "tools.limit": "⏹ Parado tras {most} peticiones: el modelo seguía llamando a herramientas (el límite de una ejecución).",
}

PRESETS = {
    "tools_labels": {
        "weather": "🌦 El tiempo en una ciudad",
        "cat": "🐱 Un dato de gatos",
        "units": "📏 Un conversor de unidades",
        "all": "🧰 Las tres",
        "haiku": "✍ Sin herramienta (un haiku)",
    },
    "tools": {  # ejemplo: (las herramientas de la app que ofrece, el mensaje)
        "weather": (["get_weather"], "¿Qué tiempo hace hoy en Bogotá?"),
        "cat": (["cat_fact"], "Cuéntame un dato curioso de por qué ronronean los gatos."),
        "units": (["convert_units"], "¿Cuántas millas son 42 km?"),
        "all": (["get_weather", "cat_fact", "convert_units"], "¿Hace frío ahora en Lima?"),
        "haiku": (["get_weather", "cat_fact", "convert_units"], "Escribe un haiku sobre la luna."),
    },
    "tool_descriptions": {
        "get_weather": (
            "Da el tiempo actual en una ciudad",
            {"city": "La ciudad, p. ej. Madrid", "unit": "La unidad de temperatura"},
        ),
        "cat_fact": (
            "Da un dato verdadero sobre los gatos",
            {"topic": "De qué trata el dato, p. ej. dormir o ronronear", "language": "El idioma del dato"},
        ),
        "convert_units": (
            "Convierte un valor de una unidad a otra (longitud, masa, volumen, temperatura)",
            {
                "value": "El número a convertir",
                "from_unit": "Su unidad, p. ej. km",
                "to_unit": "La unidad que se quiere, p. ej. mi",
            },
        ),
    },
}
