"""The teaching tabs' presets, in Spanish and English, in the spirit of the lesson's scripts."""

from __future__ import annotations

PERSONAS: dict[str, dict[str, str]] = {
    "yoda": {
        "en": "Act like Yoda from Star Wars. Answer in his tone and style: invert the order of the sentence, "
        "be wise and brief.",
        "es": "Actúa como Yoda de Star Wars. Responde con su tono y estilo: invierte el orden de la frase, "
        "sé sabio y breve.",
    },
    "chespirito": {
        "en": "Answer like El Chavo del Ocho, Chespirito's famous character: innocent, funny, a bit clumsy, "
        "with his catchphrases ('It was without wanting to want!', 'That, that, that!').",
        "es": "Responde como el Chavo del Ocho, el famoso personaje de Chespirito: inocente, gracioso y un poco "
        "torpe, con sus frases ('¡Fue sin querer queriendo!', '¡Eso, eso, eso!').",
    },
    "pirate": {
        "en": "Answer like a pirate 🏴‍☠️: say 'arr', talk about the sea, ships and treasure.",
        "es": "Responde como un pirata 🏴‍☠️: di '¡arr!', habla del mar, los barcos y los tesoros.",
    },
    "teacher": {
        "en": "You are a formal, patient teacher. Answer in a structured way: a definition, an example and a "
        "short summary.",
        "es": "Eres un profesor formal y paciente. Responde de forma ordenada: una definición, un ejemplo y un "
        "breve resumen.",
    },
    "json": {
        "en": 'Answer only with valid JSON, no other text, in the shape {"answer": "...", "confidence": 0-1}.',
        "es": 'Responde solo con JSON válido, sin ningún otro texto, con la forma {"answer": "...", '
        '"confidence": 0-1}.',
    },
    "eli10": {
        "en": "Explain like I'm 10 years old: short sentences, everyday examples, no jargon.",
        "es": "Explícalo como si tuviera 10 años: frases cortas, ejemplos de la vida diaria, sin tecnicismos.",
    },
    "custom": {"en": "", "es": ""},
}
PERSONA_LABELS = {
    "yoda": "🟢 Yoda",
    "chespirito": "📺 El Chavo (Chespirito)",
    "pirate": "🏴‍☠️ Pirate / Pirata",
    "teacher": "🎓 Formal teacher / Profesor formal",
    "json": "🧾 JSON only / Solo JSON",
    "eli10": "🧒 Like I'm 10 / Como si tuviera 10",
    "custom": "✏️ Custom / Personalizado",
}
PERSONA_QUESTION = {"en": "Explain what a cat is.", "es": "Explícame qué es un gato."}

# Few-shot: (system message, [(user, assistant), ...], question) per preset and language.
FEW_SHOT: dict[str, dict[str, tuple[str, list[tuple[str, str]], str]]] = {
    "hints": {
        "en": (
            "You are a helpful tutor. Give hints instead of full answers.",
            [
                ("What is the capital of Brazil?", "Think of the city that is not Rio, built in the 1950s."),
                ("How many legs does a spider have?", "Count the legs of an insect and add two."),
                ("Who wrote Don Quixote?", "His first name is Miguel, and he lost the use of a hand."),
            ],
            "What is the largest planet?",
        ),
        "es": (
            "Eres un tutor útil. Da pistas en lugar de respuestas completas.",
            [
                ("¿Capital de Brasil?", "Piensa en la ciudad que no es Río, construida en los años 50."),
                ("¿Cuántas patas tiene una araña?", "Cuenta las patas de un insecto y súmale dos."),
                ("¿Quién escribió el Quijote?", "Se llamaba Miguel y perdió el uso de una mano."),
            ],
            "¿Planeta más grande?",
        ),
    },
    "sentiment": {
        "en": (
            "Classify the sentiment of each message as positive, negative or neutral. Answer with one word.",
            [
                ("My cat finally ate all the tuna!", "positive"),
                ("The bowl is empty again and the shop is closed.", "negative"),
                ("The cat is sleeping on the sofa.", "neutral"),
            ],
            "I love how the kitten purrs when it is happy.",
        ),
        "es": (
            "Clasifica el sentimiento de cada mensaje como positivo, negativo o neutral. Responde con una palabra.",
            [
                ("¡Mi gato por fin se comió todo el atún!", "positivo"),
                ("El plato está vacío otra vez y la tienda está cerrada.", "negativo"),
                ("El gato está durmiendo en el sofá.", "neutral"),
            ],
            "Me encanta cómo ronronea el gatito cuando está feliz.",
        ),
    },
    "translate": {
        "en": (
            "Translate English into Spanish, giving a formal (usted) and an informal (tú) version.",
            [
                ("Do you want some tea?", "Formal: ¿Quiere usted un té? · Informal: ¿Quieres un té?"),
                ("Can you help me?", "Formal: ¿Puede ayudarme? · Informal: ¿Puedes ayudarme?"),
            ],
            "Where do you live?",
        ),
        "es": (
            "Traduce del inglés al español, con una versión formal (usted) y una informal (tú).",
            [
                ("Do you want some tea?", "Formal: ¿Quiere usted un té? · Informal: ¿Quieres un té?"),
                ("Can you help me?", "Formal: ¿Puede ayudarme? · Informal: ¿Puedes ayudarme?"),
            ],
            "Where do you live?",
        ),
    },
}
FEW_SHOT_LABELS = {
    "hints": "💡 Hints, not answers / Pistas, no respuestas",
    "sentiment": "🙂 Sentiment labels / Sentimiento",
    "translate": "🇪🇸 English → Spanish (formal/informal)",
}

# Chained calls: templates; {input} is the first step's input, {previous} the step before, {step1}… any step.
CHAIN: dict[str, tuple[str, list[str]]] = {
    "en": (
        "large language models",
        [
            "Explain {input} in one paragraph.",
            "You are an editor. Review this explanation and give feedback only, do not rewrite it:\n\n{previous}",
            "Rewrite the paragraph using the editor's feedback.\n\nParagraph:\n{step1}\n\nFeedback:\n{previous}",
        ],
    ),
    "es": (
        "los modelos de lenguaje grandes (LLMs)",
        [
            "Explica {input} en un párrafo.",
            "Eres un editor. Revisa esta explicación y da solo comentarios, no la reescribas:\n\n{previous}",
            "Reescribe el párrafo usando los comentarios del editor.\n\nPárrafo:\n{step1}\n\nComentarios:\n{previous}",
        ],
    ),
}
VISION_QUESTION = {"en": "What is in this image?", "es": "¿Qué hay en esta imagen?"}
