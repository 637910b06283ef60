"""A schema a student can read: pydantic classes typed as Python, as the lesson's structured-output scripts write
them, read into a pydantic model — parsed, never run. What a visitor types here is untrusted: only class
definitions whose fields are typed with str, int, float, bool, `Literal[...]`, `list[...]`, `X | None`,
`Optional[...]` or an earlier class, with constant defaults or `Field(description=…, ge=…, …)`, are accepted;
anything else gets a sentence naming its line. The last class is the answer's shape."""

from __future__ import annotations

import ast
import functools
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from components.i18n import UserError

MOST_CHARACTERS = 6_000
MOST_CLASSES = 12
MOST_FIELDS = 40  # in all the classes together
MOST_LITERALS = 40
MOST_NESTING = 4  # list[list[list[list[str]]]]
SIMPLE = {"str": str, "int": int, "float": float, "bool": bool}
FIELD_OPTIONS = {"description", "ge", "le", "gt", "lt", "min_length", "max_length", "title", "default"}
IMPORTS = {"pydantic", "typing", "__future__"}  # what a pasted script imports for its classes (not run: read)


@functools.lru_cache(maxsize=64)  # a run reads its schema twice (the request, the answer's check): made once
def read_schema(source: str) -> type[BaseModel]:
    """The pydantic model the classes in `source` describe (the last class), or UserError("schema.*", line=…)."""
    if not (source or "").strip():
        raise UserError("schema.empty")
    if len(source) > MOST_CHARACTERS:
        raise UserError("schema.too_long", most=MOST_CHARACTERS)
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise UserError("schema.syntax", line=error.lineno or 1, problem=error.msg) from None
    classes: dict[str, type[BaseModel]] = {}
    fields_seen = 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if all(name.split(".")[0] in IMPORTS for name in names):
                continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # a docstring or comment string
            continue
        if not isinstance(node, ast.ClassDef):
            raise UserError("schema.only_classes", line=node.lineno)
        if len(classes) == MOST_CLASSES:
            raise UserError("schema.too_many", line=node.lineno, most=MOST_CLASSES)
        model, count = _model(node, classes)
        classes[node.name], fields_seen = model, fields_seen + count
        if fields_seen > MOST_FIELDS:
            raise UserError("schema.too_many_fields", line=node.lineno, most=MOST_FIELDS)
    if not classes:
        raise UserError("schema.no_class")
    return list(classes.values())[-1]


def _model(node: ast.ClassDef, classes: dict[str, type[BaseModel]]) -> tuple[type[BaseModel], int]:
    if [ast.unparse(base) for base in node.bases] not in (["BaseModel"], ["pydantic.BaseModel"]):
        raise UserError("schema.base", line=node.lineno, name=node.name)
    if node.decorator_list or node.keywords:
        raise UserError("schema.only_fields", line=node.lineno)
    fields: dict[str, Any] = {}
    doc = None
    for item in node.body:
        if isinstance(item, ast.Expr) and isinstance(item.value, ast.Constant) and isinstance(item.value.value, str):
            doc = doc or item.value.value.strip()
            continue
        if isinstance(item, ast.Pass):
            continue
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            raise UserError("schema.only_fields", line=item.lineno)
        name = item.target.id
        if name.startswith("_") or hasattr(BaseModel, name):  # (model_config, copy, json…: pydantic's own)
            raise UserError("schema.field_name", line=item.lineno, name=name)
        fields[name] = (_type(item.annotation, classes, 0), _default(item.value, item.lineno))
    if not fields:
        raise UserError("schema.no_fields", line=node.lineno, name=node.name)
    try:
        return create_model(node.name, __doc__=doc, **fields), len(fields)
    except Exception:  # a field named like one of BaseModel's own (model_dump, copy…), a default of the wrong kind
        raise UserError("schema.fields", line=node.lineno, name=node.name) from None


def _type(node: ast.expr, classes: dict[str, type[BaseModel]], depth: int):
    line = getattr(node, "lineno", 1)
    if depth > MOST_NESTING:
        raise UserError("schema.too_deep", line=line)
    if isinstance(node, ast.Name):
        if node.id in SIMPLE:
            return SIMPLE[node.id]
        if node.id in classes:
            return classes[node.id]
        raise UserError("schema.unknown_type", line=line, type=node.id)
    if isinstance(node, ast.Constant) and node.value is None:
        return type(None)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr) and (_is_none(node.left) or _is_none(node.right)):
        kept = node.right if _is_none(node.left) else node.left  # str | None
        return _type(kept, classes, depth + 1) | None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        inner = node.slice
        if node.value.id in ("list", "List"):
            return list[_type(inner, classes, depth + 1)]
        if node.value.id == "Optional":
            return _type(inner, classes, depth + 1) | None
        if node.value.id == "Literal":
            values = inner.elts if isinstance(inner, ast.Tuple) else [inner]
            if not values or len(values) > MOST_LITERALS:
                raise UserError("schema.literal", line=line, most=MOST_LITERALS)
            constants = []
            for value in values:
                if not (isinstance(value, ast.Constant) and isinstance(value.value, (str, int, bool))):
                    raise UserError("schema.literal", line=line, most=MOST_LITERALS)
                constants.append(value.value)
            return Literal[tuple(constants)]
    raise UserError("schema.unknown_type", line=line, type=ast.unparse(node)[:40])


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _default(node: ast.expr | None, line: int):
    """`= "x"`, `= 3`, `= None`, or `= Field(...)` with constant options: a field's default and description."""
    if node is None:
        return ...
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Call) and ast.unparse(node.func) in ("Field", "pydantic.Field") and not node.args:
        options = {}
        for keyword in node.keywords:
            if keyword.arg not in FIELD_OPTIONS or not isinstance(keyword.value, (ast.Constant, ast.UnaryOp)):
                raise UserError("schema.field_option", line=line, option=keyword.arg or "**")
            try:
                options[keyword.arg] = ast.literal_eval(keyword.value)
            except ValueError:
                raise UserError("schema.field_option", line=line, option=keyword.arg) from None
        return Field(**options) if "default" in options else Field(..., **options)
    raise UserError("schema.default", line=line)


def response_format_of(model: type[BaseModel]) -> dict:
    """What `client.chat.completions.parse(response_format=Model)` sends: the strict JSON Schema of the class."""
    from openai.lib._parsing._completions import type_to_response_format_param  # the SDK's own conversion

    return dict(type_to_response_format_param(model))


def checked_answer(model: type[BaseModel], text: str) -> tuple[dict | None, list[str]]:
    """The answer validated by the class: (its fields, []) or (None, each problem as "field: what is wrong")."""
    from pydantic import ValidationError

    try:
        return model.model_validate_json(text).model_dump(mode="json"), []
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            where = ".".join(str(part) for part in item["loc"]) or "(JSON)"
            problems.append(f"{where}: {item['msg']}")
        return None, problems


def structured_result(shape: type[BaseModel], text: str, refusal: str | None = None) -> dict:
    """What the Structured outputs tab and its endpoint show of an answer: the JSON as written, the fields parsed
    by the class (None when it does not validate), each problem, and a refusal as such."""
    parsed, problems = (None, []) if refusal else checked_answer(shape, text)
    return {"json": text, "parsed": parsed, "problems": problems, "refusal": refusal, "shape": shape.__name__}
