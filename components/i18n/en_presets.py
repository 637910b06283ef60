"""English: the lesson's presets (chat examples, personas, few-shot sets, chain steps, lab sentences)."""

PRESETS = {
    "chat_examples": {
        "haiku": (
            "You are a helpful assistant that makes lots of cat references and uses emojis.",
            "Write a haiku about a hungry cat who wants tuna",
        ),
        "llms": ("You are a patient teacher.", "Explain LLMs in one paragraph"),
        "for_loop": ("You are a patient teacher.", "How do I write a for loop in Python?"),
    },
    "chat_example_labels": {"haiku": "🐱 A cat haiku", "llms": "🎓 LLMs in one paragraph", "for_loop": "🐍 A for loop"},
    "stream_system": "You are a helpful assistant that makes lots of cat references and uses emojis.",
    "personas": {
        "yoda": "Act like Yoda from Star Wars. Answer in his tone and style: invert the order of the "
        "sentence, be wise and brief.",
        "chespirito": "Answer like El Chavo del Ocho, Chespirito's famous character: innocent, funny, a bit "
        "clumsy, with his catchphrases ('It was without wanting to want!', 'That, that, "
        "that!').",
        "pirate": "Answer like a pirate 🏴\u200d☠️: say 'arr', talk about the sea, ships and treasure.",
        "teacher": "You are a formal, patient teacher. Answer in a structured way: a definition, an example "
        "and a short summary.",
        "json": 'Answer only with valid JSON, no other text, in the shape {"answer": "...", "confidence": 0-1}.',
        "eli10": "Explain like I'm 10 years old: short sentences, everyday examples, no jargon.",
        "custom": "",
    },
    "persona_labels": {
        "yoda": "🟢 Yoda",
        "chespirito": "📺 El Chavo (Chespirito)",
        "pirate": "🏴\u200d☠️ Pirate",
        "teacher": "🎓 Formal teacher",
        "json": "🧾 JSON only",
        "eli10": "🧒 Like I'm 10",
        "custom": "✏️ Custom",
    },
    "persona_question": "Explain what a cat is.",
    "few_shot": {
        "hints": (
            "You are a helpful tutor. Give hints instead of full answers.",
            [
                ("What is the capital of Brazil?", "Think of the city that is not Rio, built in the 1950s."),
                ("How many legs does a spider have?", "Count the legs of an insect and add two."),
                ("Who wrote Don Quixote?", "His first name is Miguel, and he lost the use of a hand."),
            ],
            "What is the largest planet?",
        ),
        "sentiment": (
            "Classify the sentiment of each message as positive, negative or neutral. Answer with one word.",
            [
                ("My cat finally ate all the tuna!", "positive"),
                ("The bowl is empty again and the shop is closed.", "negative"),
                ("The cat is sleeping on the sofa.", "neutral"),
            ],
            "I love how the kitten purrs when it is happy.",
        ),
        "translate": (
            "Translate English into Spanish, giving a formal (usted) and an informal (tú) version.",
            [
                ("Do you want some tea?", "Formal: ¿Quiere usted un té? · Informal: ¿Quieres un té?"),
                ("Can you help me?", "Formal: ¿Puede ayudarme? · Informal: ¿Puedes ayudarme?"),
            ],
            "Where do you live?",
        ),
    },
    "few_shot_labels": {
        "hints": "💡 Hints, not answers",
        "sentiment": "🙂 Sentiment labels",
        "translate": "🇪🇸 English → Spanish (formal/informal)",
    },
    "chain": (
        "large language models",
        [
            "Explain {input} in one paragraph.",
            "You are an editor. Review this explanation and give feedback only, do not rewrite it:\n\n{previous}",
            "Rewrite the paragraph using the editor's feedback.\n\nParagraph:\n{step1}\n\nFeedback:\n{previous}",
        ],
    ),
    "vision_question": "What is in this image?",
    "lab_sentence": "We will talk about large language models and how they predict the next token.",
    "lab_prompt": "Write a haiku about a hungry cat",
    "lab_pair": [
        "Hablaremos de los modelos de lenguaje y de cómo predicen el siguiente token.",
        "We will talk about language models and how they predict the next token.",
    ],
    "compare_message": "Write a haiku about a hungry cat.",
    "sweep_message": "Write a haiku about a hungry cat.",
    # The presenter view's default path, in the lesson's order (lessons/lesson_path.py)
    "lesson": [
        {
            "tab": "lab",
            "setup": {},
            "say": "How an LLM works: text is cut into tokens and the model predicts the next one. Press “Ask for the next token”.",
        },
        {
            "tab": "compare",
            "setup": {"message": "Write a haiku about a hungry cat who wants tuna"},
            "say": "The same call on two hosts: only base_url, the key and the model change.",
        },
        {
            "tab": "chat",
            "setup": {"prompt": "Write a haiku about a hungry cat who wants tuna"},
            "say": "One chat call: a system message, the user's message and the knobs.",
        },
        {"tab": "stream", "setup": {}, "say": "Streaming: type a question and watch the answer arrive token by token."},
        {
            "tab": "sweep",
            "setup": {"message": "Write a haiku about a hungry cat who wants tuna", "parameter": "temperature"},
            "say": "Temperature, swept: at 0 always the same; higher, more varied.",
        },
        {
            "tab": "persona",
            "setup": {"persona": "yoda"},
            "say": "Prompt engineering: the same question with Yoda's system message and without one.",
        },
        {"tab": "few_shot", "setup": {}, "say": "Few-shot: “hints, not answers” examples sent as real turns."},
        {"tab": "chain", "setup": {}, "say": "Chained calls: explain → review as an editor → rewrite."},
        {"tab": "vision", "setup": {}, "say": "Vision: pick the sample photo and ask what it shows."},
        {"tab": "structured", "setup": {}, "say": "Structured outputs: a JSON answer a pydantic class checks."},
        {
            "tab": "tools",
            "setup": {},
            "say": "Function calling: the model asks for a call; your code makes it and sends the result back.",
        },
    ],
}
