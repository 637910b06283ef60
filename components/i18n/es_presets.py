"""Spanish: the lesson's presets (chat examples, personas, few-shot sets, chain steps, lab sentences)."""

PRESETS = {
    "chat_examples": {
        "haiku": (
            "Eres un asistente útil que hace muchas referencias a gatos y usa emojis.",
            "Escribe un haiku sobre un gato hambriento que quiere atún",
        ),
        "llms": ("Eres un profesor paciente.", "Explica los LLMs en un párrafo"),
        "for_loop": ("Eres un profesor paciente.", "¿Cómo escribo un bucle for en Python?"),
    },
    "chat_example_labels": {
        "haiku": "🐱 Haiku de un gato",
        "llms": "🎓 Los LLMs en un párrafo",
        "for_loop": "🐍 Un bucle for",
    },
    "stream_system": "Eres un asistente útil que hace muchas referencias a gatos y usa emojis.",
    "personas": {
        "yoda": "Actúa como Yoda de Star Wars. Responde con su tono y estilo: invierte el orden de la "
        "frase, sé sabio y breve.",
        "chespirito": "Responde como el Chavo del Ocho, el famoso personaje de Chespirito: inocente, "
        "gracioso y un poco torpe, con sus frases ('¡Fue sin querer queriendo!', '¡Eso, eso, "
        "eso!').",
        "pirate": "Responde como un pirata 🏴\u200d☠️: di '¡arr!', habla del mar, los barcos y los tesoros.",
        "teacher": "Eres un profesor formal y paciente. Responde de forma ordenada: una definición, un "
        "ejemplo y un breve resumen.",
        "json": 'Responde solo con JSON válido, sin ningún otro texto, con la forma {"answer": "...", '
        '"confidence": 0-1}.',
        "eli10": "Explícalo como si tuviera 10 años: frases cortas, ejemplos de la vida diaria, sin tecnicismos.",
        "custom": "",
    },
    "persona_labels": {
        "yoda": "🟢 Yoda",
        "chespirito": "📺 El Chavo (Chespirito)",
        "pirate": "🏴\u200d☠️ Pirata",
        "teacher": "🎓 Profesor formal",
        "json": "🧾 Solo JSON",
        "eli10": "🧒 Como si tuviera 10",
        "custom": "✏️ Personalizado",
    },
    "persona_question": "Explícame qué es un gato.",
    "few_shot": {
        "hints": (
            "Eres un tutor útil. Da pistas en lugar de respuestas completas.",
            [
                ("¿Capital de Brasil?", "Piensa en la ciudad que no es Río, construida en los años 50."),
                ("¿Cuántas patas tiene una araña?", "Cuenta las patas de un insecto y súmale dos."),
                ("¿Quién escribió el Quijote?", "Se llamaba Miguel y perdió el uso de una mano."),
            ],
            "¿Planeta más grande?",
        ),
        "sentiment": (
            "Clasifica el sentimiento de cada mensaje como positivo, negativo o neutral. Responde con una palabra.",
            [
                ("¡Mi gato por fin se comió todo el atún!", "positivo"),
                ("El plato está vacío otra vez y la tienda está cerrada.", "negativo"),
                ("El gato está durmiendo en el sofá.", "neutral"),
            ],
            "Me encanta cómo ronronea el gatito cuando está feliz.",
        ),
        "translate": (
            "Traduce del inglés al español, con una versión formal (usted) y una informal (tú).",
            [
                ("Do you want some tea?", "Formal: ¿Quiere usted un té? · Informal: ¿Quieres un té?"),
                ("Can you help me?", "Formal: ¿Puede ayudarme? · Informal: ¿Puedes ayudarme?"),
            ],
            "Where do you live?",
        ),
    },
    "few_shot_labels": {
        "hints": "💡 Pistas, no respuestas",
        "sentiment": "🙂 Sentimiento",
        "translate": "🇪🇸 Inglés → español (formal/informal)",
    },
    "chain": (
        "los modelos de lenguaje grandes (LLMs)",
        [
            "Explica {input} en un párrafo.",
            "Eres un editor. Revisa esta explicación y da solo comentarios, no la reescribas:\n\n{previous}",
            "Reescribe el párrafo usando los comentarios del editor.\n\nPárrafo:\n{step1}\n\nComentarios:\n{previous}",
        ],
    ),
    "vision_question": "¿Qué hay en esta imagen?",
    "lab_sentence": "Hablaremos de los modelos de lenguaje grandes y de cómo predicen el siguiente token.",
    "lab_prompt": "Escribe un haiku sobre un gato hambriento",
    "lab_pair": [
        "Hablaremos de los modelos de lenguaje y de cómo predicen el siguiente token.",
        "We will talk about language models and how they predict the next token.",
    ],
    "compare_message": "Escribe un haiku sobre un gato hambriento.",
    "sweep_message": "Escribe un haiku sobre un gato hambriento.",
    # The presenter view's default path, in the lesson's order (lessons/lesson_path.py)
    "lesson": [
        {
            "tab": "lab",
            "setup": {},
            "say": "Cómo funciona un LLM: el texto se parte en tokens y el modelo predice el siguiente. Pulsa «Pedir el siguiente token».",
        },
        {
            "tab": "compare",
            "setup": {"message": "Escribe un haiku sobre un gato hambriento que quiere atún"},
            "say": "La misma llamada en dos hosts: solo cambian base_url, la clave y el modelo.",
        },
        {
            "tab": "chat",
            "setup": {"prompt": "Escribe un haiku sobre un gato hambriento que quiere atún"},
            "say": "Una llamada de chat: mensaje de sistema, mensaje del usuario y los controles.",
        },
        {
            "tab": "stream",
            "setup": {},
            "say": "Streaming: escribe una pregunta y mira cómo llega la respuesta token a token.",
        },
        {
            "tab": "sweep",
            "setup": {
                "message": "Escribe un haiku sobre un gato hambriento que quiere atún",
                "parameter": "temperature",
            },
            "say": "La temperatura, barrida: a 0 siempre lo mismo; más alta, más variado.",
        },
        {
            "tab": "persona",
            "setup": {"persona": "yoda"},
            "say": "Ingeniería de prompts: la misma pregunta con el mensaje de sistema de Yoda y sin él.",
        },
        {
            "tab": "few_shot",
            "setup": {},
            "say": "Few-shot: ejemplos de «pistas, no respuestas» enviados como turnos de verdad.",
        },
        {"tab": "chain", "setup": {}, "say": "Llamadas encadenadas: explicar → revisar como editor → reescribir."},
        {"tab": "vision", "setup": {}, "say": "Visión: elige la foto de ejemplo y pregunta qué se ve."},
        {
            "tab": "structured",
            "setup": {},
            "say": "Salidas estructuradas: una respuesta en JSON que una clase de pydantic comprueba.",
        },
        {
            "tab": "tools",
            "setup": {},
            "say": "Llamadas a funciones: el modelo pide una llamada; tu código la hace y le devuelve el resultado.",
        },
    ],
}
