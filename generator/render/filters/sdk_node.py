"""The call of a Stainless TypeScript SDK (npm ``openai``), written from its table row.

A method takes its positional path parameters first (``client.files.delete("file-abc")``),
then one params object that holds the body or query values and the path parameters the
method destructures from it (``{ vector_store_id }``). The SDK sends every key of that
object, so a value the API documents beyond the SDK's types needs no escape hatch; a
method without a params object gets the rest through its request options
(``{ query: {...} }``, the SDK's documented way to send undocumented parameters).
"""

from __future__ import annotations

from typing import Any

from generator.render.filters.node import PRINT_WIDTH, STEP, _width, node_key, node_value
from generator.render.sdk_calls import Plan

_OBJECT_ARGS = ("params", "body", "query")


def _upload_names(call: Plan) -> list[tuple[str, str]]:
    """(property, variable) of each upload: ``file`` alone, ``file1``, ``file2``... else."""
    if len(call.files) == 1:
        return [(call.files[0][0], "file")]
    return [(arg, f"file{i}") for i, (arg, _) in enumerate(call.files, 1)]


def node_sdk_uploads(call: Plan) -> list[tuple[str, Any]]:
    """(variable, upload) of each file the sample reads before the call."""
    return [
        (var, upload) for (_, var), (_, upload) in zip(_upload_names(call), call.files, strict=True)
    ]


def _params_object(call: Plan) -> dict[str, Any]:
    row = call.row
    positional = row.get("positional", [])
    holes = row.get("path", [])
    values: dict[str, Any] = {}
    for arg, hole in zip(call.path, holes, strict=False):
        if "." in hole or hole not in positional:
            values[hole.split(".", 1)[-1]] = arg.value
    for arg in (*call.query, *call.body):
        values[arg.key] = arg.value
    return values


def node_sdk_args(call: Plan) -> list[Any]:
    """The call's arguments in order: a string or number per positional path parameter,
    then the params object (a dict; file properties hold ``("upload", variable)``)."""
    row = call.row
    positional = row.get("positional", [])
    holes = row.get("path", [])
    out: list[Any] = []
    by_hole = {hole: arg.value for arg, hole in zip(call.path, holes, strict=False)}
    params = _params_object(call)
    uploads = {prop: ("upload", var) for prop, var in _upload_names(call)}
    has_object = False
    for name in positional:
        if name in by_hole:
            out.append(by_hole[name])
        elif name in _OBJECT_ARGS or name.endswith("Params"):
            has_object = True
            out.append({**{k: v for k, v in uploads.items()}, **params})
    if not has_object and params:
        where = "body" if call.body else "query"
        out.append({where: params})  # request options: the SDK's escape hatch
    while out and out[-1] == {}:
        out.pop()
    return out


def _arg_text(value: Any, indent: int) -> str:
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            pad = " " * (indent + STEP)
            if isinstance(item, tuple) and item[:1] == ("upload",):
                var = item[1]
                lines.append(f"{pad}{var}," if var == key else f"{pad}{node_key(key)}: {var},")
            else:
                from generator.render.filters.node import node_prop

                lines.append(node_prop(item, key, indent + STEP))
        return "{\n" + "\n".join(lines) + "\n" + " " * indent + "}"
    return node_value(value, indent)


def node_sdk_call(call: Plan, head: str, indent: int = 2, then: str = "") -> str:
    """``<head>(args)<then>;`` (``head``: ``const result = await client.files.list``;
    ``then``: ``.asResponse()``) laid out as prettier prints it: the last object argument
    hugged on the call's line when the line fits, every argument on its own line otherwise."""
    args = node_sdk_args(call)
    pad = " " * indent
    end = then + ";"
    if not args:
        return f"{pad}{head}(){end}"
    texts = [_arg_text(a, indent) for a in args]
    scalars = [t for t in texts if "\n" not in t]
    if len(scalars) == len(texts):
        line = f"{pad}{head}({', '.join(texts)}){end}"
        if _width(line) <= PRINT_WIDTH:
            return line
    elif len(scalars) == len(texts) - 1 and "\n" in texts[-1]:
        first = f"{pad}{head}(" + "".join(t + ", " for t in texts[:-1]) + "{"
        if _width(first) <= PRINT_WIDTH:
            return f"{pad}{head}(" + "".join(t + ", " for t in texts[:-1]) + texts[-1] + ")" + end
    inner = " " * (indent + STEP)
    parts = [_arg_text(a, indent + STEP) for a in args]
    return f"{pad}{head}(\n" + "".join(f"{inner}{p},\n" for p in parts) + f"{pad}){end}"


FILTERS = {
    "node_sdk_call": node_sdk_call,
    "node_sdk_uploads": node_sdk_uploads,
}
