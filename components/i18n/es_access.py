"""Texto en español del panel de claves, el inicio de sesión y los límites de la clase."""

UI = {
    "share.button": "🔗 Compartir la configuración de esta pestaña (sin claves)",
    "keys.openai": "**OpenAI**",
    "keys.azure": "**Azure OpenAI**",
    "keys.huggingface": "**Hugging Face**",
    "keys.custom": "**URL compatible con OpenAI**",
    "keys.panel": "🔑 Tus propias claves (solo en esta sesión)",
    "keys.intro": "Usa tu propia cuenta: escribe una clave (y el endpoint o el modelo donde el host los necesite) y pulsa **Usar mis claves**. Se quedan en el servidor solo durante esta sesión del navegador, se usan solo para tus llamadas y no se vuelven a mostrar, ni en las vistas de código ni en las exportaciones. **Olvidar** las borra; cerrar la página también.",
    "keys.save": "Usar mis claves",
    "keys.forget": "Olvidar mis claves",
}

MESSAGES = {
    "keys.saved": "✓ Se usan tus claves para: {hosts}. Elige el host arriba.",
    "keys.forgotten": "Tus claves se olvidaron.",
    "rate_limited": "Esta clase permite un número limitado de peticiones por minuto y llegaste al límite. Espera {seconds} s y vuelve a enviar.",
}
