"""The Java SDKs' typed request setters, as data, and the builder calls they render.

Each table maps a JSON request key to the SDK builder method that takes it and the Java
type that method wants (checked with ``javap`` against the pinned jars). A value of the
wrong shape for its setter, and every key no table names, goes through the SDK's
documented escape hatch instead: ``putAdditionalBodyProperty(key, JsonValue.from(...))``
(OpenAI) or ``parameter(key, value)`` (DashScope), with :mod:`java_json` literals.
So every JSON value renders, and the typed setters send exactly the spec's value.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.render.filters.java import (
    LINE_LIMIT,
    Call,
    Chain,
    Node,
    java_str,
    layout,
    openai_message_node,
)
from generator.render.filters.java_json import JSON_VALUE_NULL, java_double, json_node

JSON_VALUE = "com.openai.core.JsonValue"
GSON_NULL = ("JsonNull.INSTANCE", "com.google.gson.JsonNull")
_MODELS = "com.openai.models."
_CHAT = "com.openai.models.chat.completions."


@dataclass(frozen=True)
class Setter:
    """A typed builder method: its name, the Java type it takes, and (``only``) the values
    the SDK really sends through it (DashScope drops ``enable_search: false``, for one)."""

    method: str
    java_type: str
    only: tuple[Any, ...] = ()

    def sends(self, value: Any) -> bool:
        """Whether the SDK sends ``value`` when it is given to this setter."""
        return not self.only or any(type(v) is type(value) and v == value for v in self.only)


# OpenAI Java SDK 4.x, ChatCompletionCreateParams.Builder. Not here: the setters the SDK
# deprecates (maxTokens, seed, user; javac -Xlint:all -Werror refuses them), which go
# through putAdditionalBodyProperty like any key the SDK does not know.
OPENAI_CHAT: dict[str, Setter] = {
    "temperature": Setter("temperature", "double"),
    "top_p": Setter("topP", "double"),
    "presence_penalty": Setter("presencePenalty", "double"),
    "frequency_penalty": Setter("frequencyPenalty", "double"),
    "max_completion_tokens": Setter("maxCompletionTokens", "long"),
    "n": Setter("n", "long"),
    "top_logprobs": Setter("topLogprobs", "long"),
    "logprobs": Setter("logprobs", "boolean"),
    "parallel_tool_calls": Setter("parallelToolCalls", "boolean"),
    "stop": Setter("stop", "Stop"),
    "response_format": Setter("responseFormat", "ResponseFormat"),
    "stream_options": Setter("streamOptions", "ChatCompletionStreamOptions"),
    "tools": Setter("addFunctionTool", "FunctionDefinition"),
    "tool_choice": Setter("toolChoice", "ChatCompletionToolChoiceOption.Auto"),
}

# OpenAI Java SDK 4.x, EmbeddingCreateParams.Builder.
OPENAI_EMBEDDINGS: dict[str, Setter] = {
    "input": Setter("input", "EmbeddingInput"),
    "dimensions": Setter("dimensions", "long"),
    "encoding_format": Setter("encodingFormat", "EncodingFormat"),
    "user": Setter("user", "String"),
}

# DashScope Java SDK 2.22, GenerationParam.GenerationParamBuilder (boxed types).
DASHSCOPE_GENERATION: dict[str, Setter] = {
    "result_format": Setter("resultFormat", "String", only=("message",)),
    "temperature": Setter("temperature", "Float"),
    "top_p": Setter("topP", "Double"),
    "top_k": Setter("topK", "Integer"),
    "seed": Setter("seed", "Integer"),
    "max_tokens": Setter("maxTokens", "Integer"),
    "max_length": Setter("maxLength", "Integer"),
    "repetition_penalty": Setter("repetitionPenalty", "Float"),
    "stop": Setter("stopStrings", "List<String>"),
    "enable_search": Setter("enableSearch", "Boolean", only=(True,)),
    "enable_thinking": Setter("enableThinking", "Boolean"),
    "thinking_budget": Setter("thinkingBudget", "Integer"),
    "incremental_output": Setter("incrementalOutput", "Boolean", only=(True,)),
    "logprobs": Setter("logprobs", "Boolean"),
    "top_logprobs": Setter("topLogprobs", "Integer"),
    "n": Setter("n", "Integer"),
    "parallel_tool_calls": Setter("parallelToolCalls", "Boolean"),
}

# DashScope Java SDK 2.22, MultiModalConversationParam.MultiModalConversationParamBuilder.
DASHSCOPE_MULTIMODAL: dict[str, Setter] = {
    "temperature": Setter("temperature", "Float"),
    "top_p": Setter("topP", "Double"),
    "top_k": Setter("topK", "Integer"),
    "seed": Setter("seed", "Integer"),
    "max_tokens": Setter("maxTokens", "Integer"),
    "incremental_output": Setter("incrementalOutput", "Boolean", only=(True,)),
}

# DashScope Java SDK 2.22, ImageSynthesisParam.ImageSynthesisParamBuilder: the typed
# setters of ``parameters``. Not here: ``negativePrompt``, which the SDK sends in both
# ``input`` and ``parameters`` (so ``input.negative_prompt`` goes through ``extraInput``).
DASHSCOPE_IMAGE_SYNTHESIS: dict[str, Setter] = {
    "size": Setter("size", "String"),
    "n": Setter("n", "Integer"),
    "seed": Setter("seed", "Integer"),
    "steps": Setter("steps", "Integer"),
    "scale": Setter("scale", "Integer"),
    "style": Setter("style", "String"),
    "prompt_extend": Setter("promptExtend", "Boolean"),
    "watermark": Setter("watermark", "Boolean"),
}

# The same builder's typed setters of ``input`` (``prompt`` is required by the SDK).
DASHSCOPE_IMAGE_SYNTHESIS_INPUT: dict[str, Setter] = {"prompt": Setter("prompt", "String")}

# DashScope Java SDK 2.22, VideoSynthesisParam.VideoSynthesisParamBuilder: typed setters of
# ``parameters`` and ``input`` (any other key: parameter(key, value), extraInput(key, value)).
# Checked by printing getHttpBody(): the builder adds input.extend_prompt (true) and
# parameters.with_audio (false) unless set, so the template sets both to null first;
# extend_prompt is sent only through its own (deprecated) setter, never extraInput.
DASHSCOPE_VIDEO_SYNTHESIS: dict[str, Setter] = {
    "size": Setter("size", "String"),
    "duration": Setter("duration", "Integer"),
    "seed": Setter("seed", "Integer"),
    "prompt_extend": Setter("promptExtend", "Boolean"),
    "watermark": Setter("watermark", "Boolean"),
    "resolution": Setter("resolution", "String"),
    "ratio": Setter("ratio", "String"),
    "audio": Setter("audio", "Boolean"),
}
DASHSCOPE_VIDEO_SYNTHESIS_INPUT: dict[str, Setter] = {
    "prompt": Setter("prompt", "String"),
    "negative_prompt": Setter("negativePrompt", "String"),
    "img_url": Setter("imgUrl", "String"),
    "extend_prompt": Setter("extendPrompt", "Boolean"),
}

# DashScope Java SDK 2.22, TextEmbeddingParam.TextEmbeddingParamBuilder: ``parameters``
# (text_type and output_type are enums of the param class) and ``input``, whose only field
# is ``texts`` (getInput() builds {"texts": [...]} and nothing else).
DASHSCOPE_TEXT_EMBEDDING: dict[str, Setter] = {
    "text_type": Setter("textType", "TextEmbeddingParam.TextType"),
    "dimension": Setter("dimension", "Integer"),
    "output_type": Setter("outputType", "TextEmbeddingParam.OutputType"),
    "instruct": Setter("instruct", "String"),
}
DASHSCOPE_TEXT_EMBEDDING_INPUT: dict[str, Setter] = {"texts": Setter("texts", "List<String>")}

# DashScope Java SDK 2.22, TextReRankParam.TextReRankParamBuilder: ``parameters`` and
# ``input`` (getInput() builds {"query": ..., "documents": [...]} and nothing else).
DASHSCOPE_TEXT_RERANK: dict[str, Setter] = {
    "top_n": Setter("topN", "Integer"),
    "return_documents": Setter("returnDocuments", "Boolean"),
    "instruct": Setter("instruct", "String"),
}
DASHSCOPE_TEXT_RERANK_INPUT: dict[str, Setter] = {
    "query": Setter("query", "String"),
    "documents": Setter("documents", "List<String>"),
}

# DashScope Java SDK 2.22, ApplicationParam.ApplicationParamBuilder: the ``input`` fields
# it has setters for (no other field: it has no escape hatch for input), and the two
# parameters it always sends (typed here; any other goes through parameter(key, value),
# which sends it as it is).
DASHSCOPE_APPLICATION_INPUT: dict[str, Setter] = {
    "prompt": Setter("prompt", "String"),
    "session_id": Setter("sessionId", "String"),
    "memory_id": Setter("memoryId", "String"),
    "image_list": Setter("images", "List<String>"),
    "file_list": Setter("files", "List<String>"),
    "biz_params": Setter("bizParams", "JsonObject"),
}
DASHSCOPE_APPLICATION: dict[str, Setter] = {
    "incremental_output": Setter("incrementalOutput", "Boolean"),
    "has_thoughts": Setter("hasThoughts", "Boolean"),
}

# The constants of the SDK's enum-typed setters, by the JSON text each one sends.
_DASHSCOPE_ENUMS: dict[str, dict[str, str]] = {
    "TextEmbeddingParam.TextType": {"query": "QUERY", "document": "DOCUMENT"},
    "TextEmbeddingParam.OutputType": {
        "dense": "DENSE",
        "sparse": "SPARSE",
        "dense&sparse": "DENSE_AND_SPARSE",
    },
}

Converter = Callable[[Setter, Any, set[str]], "list[Call] | None"]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def java_float(value: Any) -> str | None:
    """A Java ``float`` literal (``0.7f``) whose value, printed by Java, is ``value``.

    None when no float prints as ``value`` (it needs a double's precision): the shortest
    decimal that identifies the nearest float must be ``value`` itself.
    """
    double = java_double(value)
    if double is None or abs(float(value)) > 3.4e38:
        return None
    single = struct.unpack("<f", struct.pack("<f", float(value)))[0]
    for digits in range(1, 10):
        text = f"{single:.{digits}g}"
        if struct.unpack("<f", struct.pack("<f", float(text)))[0] == single:
            return f"{double}f" if float(text) == float(value) else None
    return None


def _one(setter: Setter, literal: Node | None) -> list[Call] | None:
    return None if literal is None else [Call("." + setter.method, (literal,))]


def _scalar(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    kind = setter.java_type
    if kind in ("double", "Double"):
        return _one(setter, java_double(value))
    if kind == "Float":
        return _one(setter, java_float(value))
    if kind == "long" and _is_int(value) and -(2**63) <= value < 2**63:
        return _one(setter, f"{value}L")
    if kind == "Integer" and _is_int(value) and -(2**31) <= value < 2**31:
        return _one(setter, str(value))
    if kind in ("boolean", "Boolean") and isinstance(value, bool):
        return _one(setter, "true" if value else "false")
    if kind == "String" and isinstance(value, str):
        return _one(setter, java_str(value))
    if kind == "List<String>" and _strings(value):
        imports.add("java.util.List")
        return _one(setter, Call("List.of", tuple(java_str(v) for v in value)))
    return None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _stop(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    if isinstance(value, str):
        return [Call(".stop", (java_str(value),))]
    if _strings(value):
        imports.add("java.util.List")
        return [Call(".stopOfStrings", (Call("List.of", tuple(java_str(v) for v in value)),))]
    return None


_RESPONSE_FORMATS = {"json_object": "ResponseFormatJsonObject", "text": "ResponseFormatText"}


def _response_format(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    kind = value.get("type") if isinstance(value, dict) and set(value) == {"type"} else None
    if kind not in _RESPONSE_FORMATS:
        return None
    name = _RESPONSE_FORMATS[kind]
    imports.add(_MODELS + name)
    return [Call(".responseFormat", (f"{name}.builder().build()",))]


_STREAM_OPTIONS = {"include_usage": "includeUsage", "include_obfuscation": "includeObfuscation"}


def _stream_options(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    if not isinstance(value, dict) or not value or set(value) - set(_STREAM_OPTIONS):
        return None
    if not all(isinstance(v, bool) for v in value.values()):
        return None
    imports.add(_CHAT + "ChatCompletionStreamOptions")
    calls = [Call("." + _STREAM_OPTIONS[k], ("true" if v else "false",)) for k, v in value.items()]
    return [
        Call(
            ".streamOptions",
            (Chain("ChatCompletionStreamOptions.builder()", (*calls, Call(".build", ()))),),
        )
    ]


def _function(function: Any, imports: set[str]) -> Chain | None:
    """``FunctionDefinition.builder()...build()`` for a tool's ``function`` object."""
    if not isinstance(function, dict) or not isinstance(function.get("name"), str):
        return None
    calls = []
    for key, value in function.items():
        if key in ("name", "description") and isinstance(value, str):
            calls.append(Call("." + key, (java_str(value),)))
        elif key == "strict" and isinstance(value, bool):
            calls.append(Call(".strict", ("true" if value else "false",)))
        elif key == "parameters" and isinstance(value, dict):
            imports.update({_MODELS + "FunctionParameters", JSON_VALUE})
            props = [
                Call(
                    ".putAdditionalProperty",
                    (
                        java_str(k),
                        Call("JsonValue.from", (json_node(v, imports, JSON_VALUE_NULL),)),
                    ),
                )
                for k, v in value.items()
            ]
            params = Chain("FunctionParameters.builder()", (*props, Call(".build", ())))
            calls.append(Call(".parameters", (params,)))
        else:
            return None
    imports.add(_MODELS + "FunctionDefinition")
    return Chain("FunctionDefinition.builder()", (*calls, Call(".build", ())))


def _tools(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    if not isinstance(value, list) or not value:
        return None
    found: set[str] = set()
    calls = []
    for tool in value:
        if not isinstance(tool, dict) or set(tool) != {"type", "function"}:
            return None
        function = _function(tool["function"], found) if tool["type"] == "function" else None
        if function is None:
            return None
        calls.append(Call(".addFunctionTool", (function,)))
    imports.update(found)
    return calls


_TOOL_CHOICES = {"auto": "AUTO", "none": "NONE", "required": "REQUIRED"}


def _tool_choice(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    if not isinstance(value, str) or value not in _TOOL_CHOICES:
        return None
    imports.add(_CHAT + "ChatCompletionToolChoiceOption")
    return [Call(".toolChoice", (f"ChatCompletionToolChoiceOption.Auto.{_TOOL_CHOICES[value]}",))]


def _embedding_input(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    if isinstance(value, str):
        return [Call(".input", (java_str(value),))]
    if not _strings(value):
        return None
    imports.add("java.util.List")
    strings = Call("List.of", tuple(java_str(v) for v in value))
    return [Call(".input", (Call("EmbeddingCreateParams.Input.ofArrayOfStrings", (strings,)),))]


_ENCODINGS = {"float": "FLOAT", "base64": "BASE64"}


def _encoding_format(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    if not isinstance(value, str) or value not in _ENCODINGS:
        return None
    return [Call(".encodingFormat", (f"EmbeddingCreateParams.EncodingFormat.{_ENCODINGS[value]}",))]


def _enum(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    constant = _DASHSCOPE_ENUMS[setter.java_type].get(value) if isinstance(value, str) else None
    return (
        None
        if constant is None
        else [Call("." + setter.method, (f"{setter.java_type}.{constant}",))]
    )


def _json_object(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    """A Gson ``JsonObject`` (ApplicationParam.bizParams): the object's literal through
    ``JsonUtils.toJsonObject``; None for anything else, or a null Gson would leave out."""
    if not isinstance(value, dict) or _null_at(value, "") is not None:
        return None
    imports.add("com.alibaba.dashscope.utils.JsonUtils")
    literal = Call("JsonUtils.toJsonObject", (json_node(value, imports, GSON_NULL),))
    return [Call("." + setter.method, (literal,))]


_CONVERTERS: dict[str, Converter] = {
    "JsonObject": _json_object,
    **dict.fromkeys(_DASHSCOPE_ENUMS, _enum),
    "EmbeddingInput": _embedding_input,
    "EncodingFormat": _encoding_format,
    "Stop": _stop,
    "ResponseFormat": _response_format,
    "ChatCompletionStreamOptions": _stream_options,
    "FunctionDefinition": _tools,
    "ChatCompletionToolChoiceOption.Auto": _tool_choice,
}


def typed_calls(setter: Setter, value: Any, imports: set[str]) -> list[Call] | None:
    """The typed builder calls that send ``value`` through ``setter``, or None when the
    value does not fit the setter's type (or the SDK would not send it)."""
    if not setter.sends(value):
        return None
    found: set[str] = set()
    calls = _CONVERTERS.get(setter.java_type, _scalar)(setter, value, found)
    if calls is not None:
        imports.update(found)
    return calls


_OPENAI_TABLES = {"chat-completions": OPENAI_CHAT, "embeddings": OPENAI_EMBEDDINGS}


def _openai_messages(messages: Any, imports: set[str]) -> list[Call]:
    """``.addUserMessage(...)`` and the like; a message of another shape is converted
    from its JSON by the SDK's own mapper (``ChatCompletionMessageParam``)."""
    calls: list[Call] = []
    for message in messages if isinstance(messages, list) else []:
        try:
            calls.append(openai_message_node(message))
        except ValueError:
            imports.update({"com.openai.core.ObjectMappers", _CHAT + "ChatCompletionMessageParam"})
            literal = json_node(message, imports, JSON_VALUE_NULL)
            convert = Call(
                "ObjectMappers.jsonMapper().convertValue",
                (literal, "ChatCompletionMessageParam.class"),
            )
            calls.append(Call(".addMessage", (convert,)))
    return calls


def _openai_calls(body: Any, operation: str, stream: bool, imports: set[str]) -> list[Call]:
    """Every builder call of an OpenAI SDK request but ``.model(...)``."""
    if not isinstance(body, dict):
        return []
    chat = operation == "chat-completions"
    calls = _openai_messages(body.get("messages"), imports) if chat else []
    skip = {"model"} | ({"messages"} if chat else set()) | ({"stream"} if stream else set())
    table = _OPENAI_TABLES.get(operation, {})
    for key, value in body.items():
        if key in skip:
            continue
        setter = table.get(key)
        typed = typed_calls(setter, value, imports) if setter else None
        if typed is None:
            imports.add(JSON_VALUE)
            literal = Call("JsonValue.from", (json_node(value, imports, JSON_VALUE_NULL),))
            typed = [Call(".putAdditionalBodyProperty", (java_str(key), literal))]
        calls.extend(typed)
    return calls


def java_openai_params(body: Any, operation: str, stream: bool, indent: int = 12) -> list[str]:
    """The OpenAI SDK request builder calls after ``.model(...)``: for chat the messages,
    then each body key through its typed setter or ``putAdditionalBodyProperty``."""
    return [layout(call, indent) for call in _openai_calls(body, operation, stream, set())]


def java_openai_imports(body: Any, operation: str, stream: bool) -> list[str]:
    """The classes :func:`java_openai_params` needs imported."""
    imports: set[str] = set()
    _openai_calls(body, operation, stream, imports)
    return sorted(imports)


# OpenAI Java SDK 4.x, FileListParams.Builder (query parameters of files.list).
OPENAI_FILE_LIST: dict[str, Setter] = {
    "limit": Setter("limit", "long"),
    "after": Setter("after", "String"),
    "purpose": Setter("purpose", "String"),
}


def _form_calls(form: Any, imports: set[str]) -> list[Call]:
    calls = []
    for name, text in form:
        if name == "purpose":
            calls.append(Call(".purpose", (Call("FilePurpose.of", (java_str(text),)),)))
        else:
            imports.add(JSON_VALUE)
            value = Call("JsonValue.from", (java_str(text),))
            calls.append(Call(".putAdditionalBodyProperty", (java_str(name), value)))
    return calls


def java_openai_form_params(form: Any, indent: int = 12) -> list[str]:
    """``FileCreateParams`` calls for the multipart text fields: ``purpose`` typed
    (``FilePurpose.of``), any other field through ``putAdditionalBodyProperty``."""
    return [layout(call, indent) for call in _form_calls(form, set())]


def java_openai_form_imports(form: Any) -> list[str]:
    """The classes :func:`java_openai_form_params` needs imported."""
    imports: set[str] = set()
    _form_calls(form, imports)
    return sorted(imports)


def java_openai_query_params(parameters: Any, indent: int = 12) -> list[str]:
    """``FileListParams`` calls for the query parameters: typed where the builder has a
    setter for the example's type, ``putAdditionalQueryParam(name, text)`` otherwise."""
    calls = []
    for param in parameters:
        setter = OPENAI_FILE_LIST.get(param.name)
        typed = typed_calls(setter, param.example, set()) if setter else None
        if typed is None:
            typed = [Call(".putAdditionalQueryParam", (java_str(param.name), java_str(param.text)))]
        calls.extend(typed)
    return [layout(call, indent) for call in calls]


_DASHSCOPE_TABLES = {
    "text-generation": DASHSCOPE_GENERATION,
    "multimodal-generation": DASHSCOPE_MULTIMODAL,
    "image-synthesis": DASHSCOPE_IMAGE_SYNTHESIS,
    "text-embedding": DASHSCOPE_TEXT_EMBEDDING,
    "text-rerank": DASHSCOPE_TEXT_RERANK,
    "application": DASHSCOPE_APPLICATION,
    "video-synthesis": DASHSCOPE_VIDEO_SYNTHESIS,
}
_DASHSCOPE_INPUT_TABLES = {
    "video-synthesis": DASHSCOPE_VIDEO_SYNTHESIS_INPUT,
    "application": DASHSCOPE_APPLICATION_INPUT,
    "image-synthesis": DASHSCOPE_IMAGE_SYNTHESIS_INPUT,
    "text-embedding": DASHSCOPE_TEXT_EMBEDDING_INPUT,
    "text-rerank": DASHSCOPE_TEXT_RERANK_INPUT,
}


def _dashscope_calls(
    values: Any, table: dict[str, Setter], hatch: str, imports: set[str]
) -> list[Call]:
    """A typed setter call for each key of ``values`` the ``table`` names and whose value
    fits it; ``hatch(key, value)`` (the builder's untyped method) for the rest."""
    calls: list[Call] = []
    for key, value in (values or {}).items():
        setter = table.get(key)
        typed = typed_calls(setter, value, imports) if setter else None
        if typed is None:
            typed = [Call(hatch, (java_str(key), json_node(value, imports, GSON_NULL)))]
        calls.extend(typed)
    return calls


def java_dashscope_params(parameters: Any, operation: str, indent: int = 12) -> list[str]:
    """The DashScope param builder calls for ``parameters``: typed setters where the
    operation's builder has them, ``parameter(key, value)`` for the rest."""
    table = _DASHSCOPE_TABLES.get(operation, {})
    return [layout(c, indent) for c in _dashscope_calls(parameters, table, ".parameter", set())]


def java_dashscope_imports(parameters: Any, operation: str) -> list[str]:
    """The classes :func:`java_dashscope_params` needs imported."""
    imports: set[str] = set()
    _dashscope_calls(parameters, _DASHSCOPE_TABLES.get(operation, {}), ".parameter", imports)
    return sorted(imports)


def java_dashscope_input(fields: Any, operation: str, indent: int = 12) -> list[str]:
    """The DashScope param builder calls for the ``input`` object of an operation whose
    builder takes its fields one by one: typed setters, ``extraInput(key, value)`` for the
    rest."""
    table = _DASHSCOPE_INPUT_TABLES.get(operation, {})
    return [layout(c, indent) for c in _dashscope_calls(fields, table, ".extraInput", set())]


def java_dashscope_input_imports(fields: Any, operation: str) -> list[str]:
    """The classes :func:`java_dashscope_input` needs imported."""
    imports: set[str] = set()
    table = _DASHSCOPE_INPUT_TABLES.get(operation, {})
    _dashscope_calls(fields, table, ".extraInput", imports)
    return sorted(imports)


# What a typed DashScope result holds, by JSON name: (getter, shape) for each member; a
# shape is a dict (an object), a one-item list (a list of that shape) or a leaf (the Java
# type the getter returns). Read from the pinned jar with javap; members of Integer type
# are left out (the sample prints texts, doubles and whole objects as JSON).
Shape = dict[str, tuple[str, "Shape"]] | list["Shape"] | str


@dataclass(frozen=True)
class DashScopeCall:
    """A DashScope Java SDK API that answers at once with ``call(param)``: its classes, the
    route it builds itself (under the SDK's base URL), how it is constructed, the checked
    exceptions ``call`` declares, and what its result holds."""

    api: str  # the API class: TextEmbedding
    package: str  # its package: com.alibaba.dashscope.embeddings
    route: str  # the path it posts to, under the base URL
    protocol_first: bool  # built as new Api(Protocol.HTTP.getValue(), BASE_URL), not (BASE_URL)
    exceptions: tuple[str, ...]  # the checked exceptions of call(), as imported names
    result: dict[str, tuple[str, Shape]]
    required: tuple[str, ...]  # the input fields build() or validate() refuses to go without
    model: bool = True  # whether it sends a model (Application sends none)
    path_setter: str = ""  # the builder method that takes the route's path parameter ({})
    # Parameters it always sends (Application: incremental_output and has_thoughts, false
    # unless set), which the request must send too or document as the API's defaults.
    always: tuple[tuple[str, Any], ...] = ()

    @property
    def param(self) -> str:
        """The param class: ``TextEmbeddingParam``."""
        return self.api + "Param"

    @property
    def result_class(self) -> str:
        """The result class: ``TextEmbeddingResult``."""
        return self.api + "Result"

    @property
    def imports(self) -> list[str]:
        """What every sample of this API imports."""
        own = [f"{self.package}.{name}" for name in (self.api, self.param, self.result_class)]
        return [*own, *self.exceptions]


_EXCEPTIONS = "com.alibaba.dashscope.exception."
DASHSCOPE_CALLS: dict[str, DashScopeCall] = {
    "text-embedding": DashScopeCall(
        "TextEmbedding",
        "com.alibaba.dashscope.embeddings",
        "/services/embeddings/text-embedding/text-embedding",
        False,
        (_EXCEPTIONS + "ApiException", _EXCEPTIONS + "NoApiKeyException"),
        {
            "request_id": ("getRequestId", "String"),
            "output": (
                "getOutput",
                {
                    "embeddings": (
                        "getEmbeddings",
                        [{"embedding": ("getEmbedding", "List<Double>")}],
                    )
                },
            ),
        },
        ("texts",),
    ),
    "text-rerank": DashScopeCall(
        "TextReRank",
        "com.alibaba.dashscope.rerank",
        "/services/rerank/text-rerank/text-rerank",
        True,
        (
            _EXCEPTIONS + "ApiException",
            _EXCEPTIONS + "InputRequiredException",
            _EXCEPTIONS + "NoApiKeyException",
        ),
        {
            "request_id": ("getRequestId", "String"),
            "output": (
                "getOutput",
                {
                    "results": (
                        "getResults",
                        [
                            {
                                "relevance_score": ("getRelevanceScore", "Double"),
                                "document": ("getDocument", {"text": ("getText", "String")}),
                            }
                        ],
                    )
                },
            ),
        },
        ("query", "documents"),
    ),
    # Application(baseUrl) posts to <base>/apps/<appId>/completion; ApplicationParam sends
    # {"input": {...}, "parameters": {...}} (no model), parameters.incremental_output and
    # parameters.has_thoughts always (false unless set; parameter(key, value) overrides them).
    "application": DashScopeCall(
        "Application",
        "com.alibaba.dashscope.app",
        "/apps/{}/completion",
        False,
        (
            _EXCEPTIONS + "ApiException",
            _EXCEPTIONS + "InputRequiredException",
            _EXCEPTIONS + "NoApiKeyException",
        ),
        {
            "request_id": ("getRequestId", "String"),
            "output": (
                "getOutput",
                {
                    "text": ("getText", "String"),
                    "finish_reason": ("getFinishReason", "String"),
                    "session_id": ("getSessionId", "String"),
                },
            ),
        },
        ("prompt",),
        model=False,
        path_setter="appId",
        always=(("incremental_output", False), ("has_thoughts", False)),
    ),
}


# ImageSynthesis.fetch(taskId, apiKey) reads any task (GET <base>/tasks/<taskId>) into an
# ImageSynthesisResult: the output members it holds (results are maps of texts).
DASHSCOPE_TASK_RESULT: dict[str, tuple[str, Shape]] = {
    "request_id": ("getRequestId", "String"),
    "output": (
        "getOutput",
        {
            "task_id": ("getTaskId", "String"),
            "task_status": ("getTaskStatus", "String"),
            "code": ("getCode", "String"),
            "message": ("getMessage", "String"),
            "results": ("getResults", ["Map<String, String>"]),
        },
    ),
}
# VideoSynthesis.fetch answers a VideoSynthesisResult: the output texts it holds.
DASHSCOPE_VIDEO_RESULT: dict[str, tuple[str, Shape]] = {
    "request_id": ("getRequestId", "String"),
    "output": (
        "getOutput",
        {
            name: ("get" + "".join(part.title() for part in name.split("_")), "String")
            for name in (
                "task_id",
                "task_status",
                "code",
                "message",
                "video_url",
                "check_audio",
                "orig_prompt",
                "actual_prompt",
                "submit_time",
                "scheduled_time",
                "end_time",
            )
        },
    ),
}
_DASHSCOPE_RESULTS: dict[str, tuple[str, dict[str, tuple[str, Shape]]]] = {
    "video-synthesis": ("VideoSynthesisResult", DASHSCOPE_VIDEO_RESULT),
    **{operation: (call.result_class, call.result) for operation, call in DASHSCOPE_CALLS.items()},
    "tasks.get": ("ImageSynthesisResult", DASHSCOPE_TASK_RESULT),
}


def java_dashscope_call(operation: str) -> DashScopeCall:
    """The :class:`DashScopeCall` of ``operation`` (``text-embedding``, ``text-rerank``)."""
    return DASHSCOPE_CALLS[operation]


def java_dashscope_reply(reply_path: Any, operation: str) -> str:
    """The getter chain that reads ``reply_path`` from the typed result: ``[output,
    embeddings, 0, embedding]`` is ``result.getOutput().getEmbeddings().get(0).getEmbedding()``."""
    result, shape = _DASHSCOPE_RESULTS[operation]
    expr = "result"
    for step in reply_path:
        if isinstance(shape, list) and isinstance(step, int) and not isinstance(step, bool):
            expr, shape = f"{expr}.get({step})", shape[0]
        elif isinstance(shape, dict) and isinstance(step, str) and step in shape:
            getter, shape = shape[step]
            expr += f".{getter}()"
        elif shape == "Map<String, String>" and isinstance(step, str):
            expr, shape = f"{expr}.get({java_str(step)})", "String"
        else:
            raise ValueError(f"{result} has no getter for {step!r}")
    return expr


def _first_text(value: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Where the first text of ``value`` is (depth first, in order): the leaf a mock marks
    with its reply when a sample prints a whole object."""
    if isinstance(value, str):
        return path
    if not isinstance(value, dict | list):
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if (found := _first_text(item, (*path, key))) is not None:
            return found
    return None


def dashscope_reply_reason(operation: str, reply_path: Any, answer: Any) -> str | None:
    """Why the typed result of ``operation`` cannot show ``reply_path`` of ``answer`` (the
    response example): no getter for it, or (for an object or a list, printed whole as
    JSON) none for its first text, which the result would drop."""
    path = tuple(reply_path)
    value: Any = answer
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            value = None
            break
    inner = _first_text(value) if isinstance(value, dict | list) else None
    try:
        java_dashscope_reply(path, operation)
        if inner:
            java_dashscope_reply((*path, *inner), operation)
    except ValueError as err:
        return f"the sample prints what the typed result holds: {err}"
    return None


def _null_at(value: Any, where: str) -> str | None:
    """Where ``value`` holds a JSON null (``parameters.a[1]``), or None."""
    if value is None:
        return where
    if not isinstance(value, dict | list):
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        found = _null_at(item, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}")
        if found is not None:
            return found
    return None


def _parameter_names(names: list[str]) -> str:
    return " and ".join(f"parameters.{name}" for name in names)


def dashscope_call_reason(
    operation: str,
    path: str,
    body: Any,
    reply_path: Any,
    defaults: Any = None,
    answer: Any = None,
) -> str | None:
    """Why the DashScope Java SDK's ``call`` of ``operation`` cannot send ``body`` to
    ``path`` (under the base URL, ``{}`` for a path parameter) exactly, or print
    ``reply_path`` of ``answer`` (None: it can). ``defaults`` is the spec's
    ``request.defaults``, ``answer`` its response example."""
    api = DASHSCOPE_CALLS[operation]
    if re.sub(r"\{[^/{}]*\}", "{}", path) != api.route:
        return f"{api.api} calls only <base>{api.route}"
    if not isinstance(body, dict):
        return f"{api.param} sends a JSON object only"
    if api.model and not isinstance(body.get("model"), str):
        return f"{api.param} needs a model name"
    allowed = ("model", "input", "parameters") if api.model else ("input", "parameters")
    faults = []
    if extra := [key for key in body if key not in allowed]:
        faults.append(f"never sends {' or '.join(extra)} (only {', '.join(allowed)})")
    given = body.get("parameters") if isinstance(body.get("parameters"), dict) else {}
    known = defaults.get("parameters") if isinstance(defaults, dict) else None
    known = known if isinstance(known, dict) else {}
    added = [
        name
        for name, value in api.always
        if name not in given and not (name in known and known[name] is value)
    ]
    if added:
        faults.append(f"always adds {_parameter_names(added)}, which the request does not send")
    if faults:
        return f"{api.param} {', and '.join(faults)}"
    fields, table = body.get("input"), _DASHSCOPE_INPUT_TABLES[operation]
    if not isinstance(fields, dict):
        return f"{api.param} needs input, an object"
    for key in api.required:
        if key not in fields:
            return f"{api.param} needs input.{key}"
    for key, value in fields.items():
        if key not in table:
            return f"{api.param} has no setter for input.{key} (it sends {', '.join(table)} only)"
        if typed_calls(table[key], value, set()) is None:
            return f"{api.param}.{table[key].method}() cannot take input.{key}'s value"
    if isinstance(fields.get("query"), str) and not fields["query"].strip():
        return f"{api.param} refuses a blank input.query"
    params = body.get("parameters", {})
    if not isinstance(params, dict):
        return f"{api.param} sends parameters as an object only"
    if "parameters" in body and params == {} and not api.always:
        return f"{api.param} leaves out an empty parameters object"
    if (where := _null_at(params, "parameters")) is not None:
        return f"the SDK's JSON (Gson) leaves out null values, such as {where}"
    return dashscope_reply_reason(operation, reply_path, answer)


def java_dashscope_task(path: str, function: str = "image-synthesis") -> str:
    """The task an ``ImageSynthesis`` (``VideoSynthesis``) is built for: the ``{task}``
    segment of the path ``/api/v1/services/aigc/{task}/image-synthesis`` (``text2image``)."""
    parts = path.strip("/").split("/")
    if len(parts) < 3 or parts[-1] != function:
        raise ValueError(f"not an {function} path: {path!r}")
    return parts[-2]


def java_header_calls(headers: dict[str, str], method: str, indent: int = 12) -> list[str]:
    """``.putAdditionalHeader("name", "value")`` (or ``method``) for each extra header."""
    return [
        layout(Call(method, (java_str(name), java_str(value))), indent)
        for name, value in headers.items()
    ]


def java_build(target: str, head: str, calls: list[str], indent: int) -> str:
    """``target = head.a().b().build();`` laid out as google-java-format does: on one line,
    else broken after ``=``, else one call per line at +8. ``calls`` are builder calls
    already laid out at ``indent + 8`` (as :func:`java_openai_params` makes them)."""
    chain = head + "".join(calls) + ".build();"
    if not any("\n" in call for call in calls):
        if indent + len(target) + 3 + len(chain) <= LINE_LIMIT:
            return f"{target} = {chain}"
        if indent + 4 + len(chain) <= LINE_LIMIT:
            return f"{target} =\n{' ' * (indent + 4)}{chain}"
    pad = "\n" + " " * (indent + 8)
    return (
        f"{target} =\n{' ' * (indent + 4)}{head}"
        + "".join(pad + c for c in calls)
        + pad
        + ".build();"
    )


def java_imports(*groups: list[str]) -> str:
    """``import a.B;`` lines for the classes of every group: deduplicated and in ASCII
    order, as google-java-format sorts them (it also drops unused ones, so list only
    what the sample uses)."""
    names = sorted({name for group in groups for name in group if name})
    return "".join(f"import {name};\n" for name in names)


FILTERS = {
    "java_header_calls": java_header_calls,
    "java_build": java_build,
    "java_openai_form_params": java_openai_form_params,
    "java_openai_form_imports": java_openai_form_imports,
    "java_openai_query_params": java_openai_query_params,
    "java_openai_params": java_openai_params,
    "java_openai_imports": java_openai_imports,
    "java_dashscope_params": java_dashscope_params,
    "java_dashscope_imports": java_dashscope_imports,
    "java_dashscope_input": java_dashscope_input,
    "java_dashscope_task": java_dashscope_task,
    "java_dashscope_input_imports": java_dashscope_input_imports,
    "java_dashscope_call": java_dashscope_call,
    "java_dashscope_reply": java_dashscope_reply,
    "java_imports": java_imports,
}
