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
    if not call.json_body:  # an empty params object is left out; an empty JSON body is sent
        while out and out[-1] == {}:
            out.pop()
    return out


def _arg_text(value: Any, indent: int) -> str:
    if value == {}:
        return "{}"
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


def _call_text(args: list[Any], callee: str, indent: int, column: int, end: str) -> str:
    """``callee(args)end`` starting at ``column`` on a line indented ``indent``: flat when
    it fits, else the last object hugged when the line up to its ``{`` fits, else one
    argument per line (prettier's call layout)."""
    if not args:
        return f"{callee}(){end}"
    texts = [_arg_text(a, indent) for a in args]
    if all("\n" not in t for t in texts):
        flat = f"{callee}({', '.join(texts)}){end}"
        if column + _width(flat) <= PRINT_WIDTH:
            return flat
    if isinstance(args[-1], dict) and args[-1] and all("\n" not in t for t in texts[:-1]):
        first = f"{callee}(" + "".join(t + ", " for t in texts[:-1]) + "{"
        if column + _width(first) <= PRINT_WIDTH:
            return first[:-1] + texts[-1] + ")" + end
    inner = " " * (indent + STEP)
    parts = [_arg_text(a, indent + STEP) for a in args]
    return f"{callee}(\n" + "".join(f"{inner}{p},\n" for p in parts) + f"{' ' * indent}){end}"


def _lone_short(args: list[Any]) -> bool:
    """Prettier's "poorly breakable" call: no argument, or one short literal (a string of at
    most 20 characters with its quotes, a number, a boolean, null)."""
    if not args:
        return True
    if len(args) != 1 or isinstance(args[0], dict | list):
        return False
    return not isinstance(args[0], str) or _width(node_value(args[0])) <= PRINT_WIDTH // 4


def node_sdk_call(call: Plan, target: str, callee: str, indent: int = 2) -> str:
    """``const <target> = <callee>(args);`` (``callee``: ``await client.files.list``) laid
    out as prettier prints an assignment: on one line when it fits. Otherwise a call whose
    arguments cannot break well (none, or one short literal) moves below the ``=``; any
    other call keeps its head (up to its ``(``) on the first line when it fits there and
    breaks its arguments (hugging a last object when the line up to its ``{`` fits), else
    moves below the ``=`` and breaks them there."""
    args = node_sdk_args(call)
    pad = " " * indent
    lhs = f"{pad}const {target} = "
    below = indent + STEP
    texts = [_arg_text(a, indent) for a in args]
    if all("\n" not in t for t in texts):
        flat = f"{callee}({', '.join(texts)});"
        if _width(lhs + flat) <= PRINT_WIDTH:
            return lhs + flat
        if _lone_short(args):
            return f"{pad}const {target} =\n{' ' * below}" + _call_text(
                args, callee, below, below, ";"
            )
    if _width(lhs + callee + "(") <= PRINT_WIDTH:
        return lhs + _call_text(args, callee, indent, _width(lhs), ";")
    return f"{pad}const {target} =\n{' ' * below}" + _call_text(args, callee, below, below, ";")


def node_to_file(upload: Any, name: str, content: str) -> str:
    """``const <name> = await toFile(<content>, "<file>", { type: "<type>" });`` at column 0,
    the options object hugged on its own lines when the call does not fit (prettier)."""
    from generator.render.filters.node import node_str

    head = f"const {name} = await toFile({content}, {node_str(upload.path)}, "
    kind = node_str(upload.content_type)
    line = head + "{ type: " + kind + " });"
    if _width(line) <= PRINT_WIDTH:
        return line
    return head + "{\n  type: " + kind + ",\n});"


FILTERS = {
    "node_to_file": node_to_file,
    "node_sdk_call": node_sdk_call,
    "node_sdk_uploads": node_sdk_uploads,
}
