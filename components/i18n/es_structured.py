"""Texto en español de la pestaña Salidas estructuradas: sus etiquetas, las frases sobre un esquema escrito en
Python y sus ejemplos (el perfil de un gato, un evento en un correo, una reseña de película)."""

UI = {
    "structured.tab": "Salidas estructuradas",
    "structured.intro": "**Qué muestra:** la forma de la respuesta como una clase de pydantic, enviada en `response_format` con un JSON Schema estricto (lo que envía `client.chat.completions.parse(response_format=Gato)`): vuelve el JSON del modelo y la clase lo comprueba.\n\n**Prueba esto:** añade un campo (`interior: bool`) o un `Literal[...]` y ejecuta otra vez; luego rompe el JSON (un modelo que ignore el esquema) y lee los errores de validación.",
    "structured.preset": "Ejemplo",
    "structured.schema": "La forma de la respuesta (clases de pydantic; se leen, nunca se ejecutan)",
    "structured.message": "Mensaje",
    "structured.run": "Ejecutar",
    "structured.json_schema": "JSON Schema enviado",
    "structured.raw": "El JSON del modelo",
    "structured.parsed": "Interpretado (la última clase)",
    "structured.field": "campo",
    "structured.value": "valor",
}

MESSAGES = {
    "schema.empty": "Escribe una clase con la forma de la respuesta, por ejemplo: class Gato(BaseModel): nombre: str",
    "schema.too_long": "El esquema es demasiado largo: como máximo {most} caracteres.",
    "schema.syntax": "Línea {line}: esto no es Python válido ({problem}).",
    "schema.only_classes": "Línea {line}: aquí solo se leen clases (y sus imports); no se ejecuta nada.",
    "schema.too_many": "Línea {line}: como máximo {most} clases.",
    "schema.too_many_fields": "Línea {line}: como máximo {most} campos en total.",
    "schema.no_class": "Escribe al menos una clase: class Gato(BaseModel): nombre: str",
    "schema.base": "Línea {line}: la clase {name} debe heredar de BaseModel.",
    "schema.only_fields": "Línea {line}: aquí una clase solo tiene campos con tipo (nombre: str), un docstring o pass.",
    "schema.field_name": "Línea {line}: el nombre de campo '{name}' no se puede usar (empieza con _ o es de pydantic).",
    "schema.no_fields": "Línea {line}: la clase {name} no tiene campos.",
    "schema.fields": "Línea {line}: la clase {name} tiene un campo que pydantic no acepta (un nombre suyo, o un valor por defecto de otro tipo).",
    "schema.too_deep": "Línea {line}: tipos anidados demasiado hondo.",
    "schema.unknown_type": "Línea {line}: '{type}' no es un tipo que esta pestaña conozca: usa str, int, float, bool, Literal[...], list[...], X | None o una clase definida antes.",
    "schema.literal": "Línea {line}: Literal[...] lleva de 1 a {most} valores simples (texto, números, True/False).",
    "schema.field_option": "Línea {line}: Field({option}=…) no se lee aquí: usa description, ge, le, gt, lt, min_length, max_length, title o default, con valores simples.",
    "schema.default": "Línea {line}: un valor por defecto debe ser simple (texto, número, True/False, None) o Field(...).",
    "structured.valid": "✅ {name} válido: cada campo como dice la clase.",
    "structured.invalid": "❌ No es un {name} válido ({count} problemas):",
    "structured.refusal": "🚫 El modelo se negó: {refusal}",
}

PRESETS = {
    "structured": {
        "cat": (
            '''from typing import Literal
from pydantic import BaseModel, Field


class Gato(BaseModel):
    """El perfil de un gato."""

    nombre: str = Field(description="el nombre del gato")
    edad: int = Field(description="edad en años")
    color: Literal["gris", "negro", "naranja", "blanco"]
    le_gusta: list[str]
''',
            "Mi gato Tom es gris, tiene 3 años y le encantan el atún y las cajas.",
        ),
        "event": (
            '''from pydantic import BaseModel, Field


class Evento(BaseModel):
    """Un evento en un correo."""

    titulo: str
    ciudad: str
    dia: int = Field(description="día del mes")
    personas: list[str] = Field(description="quiénes vienen")
''',
            "¡Hola! El encuentro de Python es el día 14 en Lima. Vienen Ana y Luis. ¡Nos vemos!",
        ),
        "review": (
            '''from typing import Literal
from pydantic import BaseModel, Field


class Resena(BaseModel):
    """La reseña de una película."""

    pelicula: str
    estrellas: int = Field(ge=1, le=5)
    tono: Literal["positivo", "negativo", "mixto"]
    resumen: str = Field(max_length=80)
''',
            "Volví a ver Ratatouille: 5 estrellas, divertida y tierna, la mejor película de cocina.",
        ),
    },
    "structured_labels": {
        "cat": "🐱 El perfil de un gato",
        "event": "📅 Un evento en un correo",
        "review": "🎬 Una reseña de película",
    },
}
