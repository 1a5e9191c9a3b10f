"""Java SDK request parameters: every JSON value renders, compiles warning-free and reaches
the wire unchanged through the pinned SDKs (typed setters and the escape hatches alike)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_gates_java import classpath

from generator.render.filters.java_json import java_double, java_literal, java_literal_imports
from generator.render.filters.java_params import (
    DASHSCOPE_GENERATION,
    OPENAI_CHAT,
    Setter,
    dashscope_call_reason,
    java_build,
    java_dashscope_call,
    java_dashscope_imports,
    java_dashscope_input,
    java_dashscope_input_imports,
    java_dashscope_params,
    java_dashscope_reply,
    java_dashscope_task,
    java_float,
    java_imports,
    java_openai_imports,
    java_openai_params,
)
from generator.sdk import pins

EXAMPLES = int(os.environ.get("SAMPLEGEN_COMPILER_EXAMPLES", "8"))

needs_javac = pytest.mark.skipif(
    shutil.which("javac") is None,
    reason="SKIPPED: no JDK on PATH; install Debian's openjdk-17-jdk-headless",
)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=12),
    max_leaves=14,
)

# Values that fit each typed chat setter, so the typed path is drawn as often as the
# escape hatch (any JSON value at all).
function_tools = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.just("function"),
            "function": st.fixed_dictionaries(
                {"name": text},
                optional={
                    "description": text,
                    "parameters": st.dictionaries(text, json_values, max_size=3),
                    "strict": st.booleans(),
                },
            ),
        }
    ),
    min_size=1,
    max_size=2,
)
CHAT_FITTING = {
    "temperature": st.floats(0, 2),
    "top_p": st.floats(0, 1),
    "presence_penalty": st.floats(-2, 2) | st.integers(-2, 2),
    "frequency_penalty": st.floats(-2, 2),
    "max_tokens": st.integers(1, 2**40),
    "max_completion_tokens": st.integers(1, 2**40),
    "seed": st.integers(0, 2**62),
    "n": st.integers(1, 4),
    "stop": text | st.lists(text, min_size=1, max_size=4),
    "response_format": st.sampled_from([{"type": "json_object"}, {"type": "text"}]),
    "stream_options": st.fixed_dictionaries({"include_usage": st.booleans()}),
    "tools": function_tools,
    "tool_choice": st.sampled_from(["auto", "none", "required"]),
    "parallel_tool_calls": st.booleans(),
    "logprobs": st.booleans(),
    "top_logprobs": st.integers(0, 20),
    "user": text,
    "top_k": st.integers(0, 100),
    "enable_search": st.booleans(),
}
MESSAGES = st.lists(
    st.sampled_from(
        [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": 'Hi \u00e9 "q" \\u0022'},
            {"role": "assistant", "content": "Hello."},
            {"role": "tool", "content": "22 C", "tool_call_id": "call_1"},
        ]
    ),
    min_size=1,
    max_size=3,
)


@st.composite
def chat_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A chat completion request: messages, then keys with fitting or arbitrary values."""
    body: dict[str, Any] = {"model": "qwen-plus", "messages": draw(MESSAGES)}
    for key in draw(st.lists(st.sampled_from(sorted(CHAT_FITTING)), unique=True, max_size=8)):
        body[key] = draw(CHAT_FITTING[key] | json_values)
    for key in draw(st.lists(text.filter(lambda k: k not in body), max_size=2, unique=True)):
        body[key] = draw(json_values)
    return body


GENERATION_FITTING = {
    "result_format": st.sampled_from(["message", "text"]),
    "temperature": st.sampled_from([0.0, 0.1, 0.7, 1.05, 1.99, 1]),
    "top_p": st.floats(0, 1),
    "top_k": st.integers(0, 100),
    "seed": st.integers(0, 2**31 - 1),
    "max_tokens": st.integers(1, 8192),
    "repetition_penalty": st.sampled_from([1.0, 1.05, 1.1, 0.5]),
    "stop": st.lists(text, min_size=1, max_size=3) | text,
    "enable_search": st.booleans(),
    "enable_thinking": st.booleans(),
    "incremental_output": st.booleans(),
    "n": st.integers(1, 4),
    "presence_penalty": st.floats(-2, 2),
}
no_nulls = st.recursive(
    st.booleans() | st.integers(-(2**40), 2**40) | st.floats(-1e6, 1e6) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def generation_parameters(draw: st.DrawFn) -> dict[str, Any]:
    """DashScope ``parameters``: known keys with fitting or arbitrary (null-free) values."""
    keys = draw(st.lists(st.sampled_from(sorted(GENERATION_FITTING)), unique=True, max_size=8))
    params = {key: draw(GENERATION_FITTING[key] | no_nulls) for key in keys}
    for key in draw(st.lists(text.filter(lambda k: k not in params), max_size=2, unique=True)):
        params[key] = draw(no_nulls)
    return params


def same_json(saw: Any, expected: Any) -> bool:
    """JSON equality with numbers compared by value (Java prints 1 as 1.0 for a double)."""
    if isinstance(expected, dict):
        return (
            isinstance(saw, dict)
            and saw.keys() == expected.keys()
            and all(same_json(saw[k], v) for k, v in expected.items())
        )
    if isinstance(expected, list):
        return (
            isinstance(saw, list)
            and len(saw) == len(expected)
            and all(same_json(s, e) for s, e in zip(saw, expected, strict=True))
        )
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return type(saw) is type(expected) and saw == expected
    return not isinstance(saw, bool) and isinstance(saw, int | float) and saw == expected


def run_java(
    name: str, imports: list[str], statements: list[str], tmp: Path, cp: str, annotation: str = ""
) -> list[str]:
    """Compile ``statements`` (the body of ``main``, which ``annotation`` precedes) with
    ``javac -Xlint:all -Werror`` against ``cp``, run them, and return stdout's lines."""
    source = (
        java_imports(imports)
        + f"\npublic class {name} {{\n"
        + (f"  {annotation}\n" if annotation else "")
        + "  public static void main(String[] args) throws Exception {\n"
        + "".join(f"    {s}\n" for s in statements)
        + "  }\n}\n"
    )
    folder = tmp / name
    folder.mkdir()
    (folder / f"{name}.java").write_text(source, "ascii")  # pure ASCII, or this raises
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    env.pop("JAVA_TOOL_OPTIONS", None)
    compiled = subprocess.run(
        [
            "javac",
            "-Xlint:all",
            "-Werror",
            "-cp",
            cp,
            "-d",
            str(folder),
            str(folder / f"{name}.java"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert compiled.returncode == 0 and not compiled.stderr, compiled.stderr + source
    ran = subprocess.run(
        # stdout in UTF-8 (JDK 17 reads it from file.encoding), whatever the locale
        [
            "java",
            "-Dfile.encoding=UTF-8",
            "-Dsun.stdout.encoding=UTF-8",
            "-cp",
            f"{folder}:{cp}",
            name,
        ],
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr + source
    # one JSON text per line; split on "\n" only (splitlines also breaks at U+0085)
    return ran.stdout.removesuffix("\n").split("\n")


@needs_javac
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(json_values, min_size=1, max_size=8))
@example(values=["\x85", "a\u2028b"])  # NEL and LINE SEPARATOR are no line breaks for Java
def test_java_literal_round_trips_through_json_value(
    values: list[Any], tmp_path_factory: Any
) -> None:
    cp = classpath(pins.MAVEN)
    imports = ["com.openai.core.JsonValue", "com.openai.core.ObjectMappers"]
    statements = []
    for value in values:
        imports += java_literal_imports(value)
        literal = java_literal(value, 8)
        statements.append(
            "System.out.println(ObjectMappers.jsonMapper().writeValueAsString(JsonValue.from("
            + literal
            + ")));"
        )
    lines = run_java("Literals", imports, statements, tmp_path_factory.mktemp("lit"), cp)
    assert len(lines) == len(values)
    for line, value in zip(lines, values, strict=True):
        assert same_json(json.loads(line), value), (line, value)


@needs_javac
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=chat_bodies())
def test_every_chat_body_compiles_and_is_sent_unchanged(
    body: dict[str, Any], tmp_path_factory: Any
) -> None:
    cp = classpath(pins.MAVEN)
    calls = ['.model("qwen-plus")', *java_openai_params(body, "chat-completions", False)]
    build = java_build(
        "ChatCompletionCreateParams params", "ChatCompletionCreateParams.builder()", calls, 4
    )
    imports = [
        "com.openai.core.ObjectMappers",
        "com.openai.models.chat.completions.ChatCompletionCreateParams",
        *java_openai_imports(body, "chat-completions", False),
    ]
    show = "System.out.println(ObjectMappers.jsonMapper().writeValueAsString(params._body()));"
    lines = run_java("Chat", imports, [build, show], tmp_path_factory.mktemp("chat"), cp)
    assert same_json(json.loads(lines[0]), body), (lines[0], body)


@needs_javac
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=generation_parameters())
def test_every_generation_parameter_compiles_and_is_sent_unchanged(
    params: dict[str, Any], tmp_path_factory: Any
) -> None:
    cp = classpath(pins.MAVEN)
    calls = ['.model("qwen-plus")', *java_dashscope_params(params, "text-generation")]
    build = java_build("GenerationParam param", "GenerationParam.builder()", calls, 4)
    imports = [
        "com.alibaba.dashscope.aigc.generation.GenerationParam",
        "com.alibaba.dashscope.utils.JsonUtils",
        *java_dashscope_imports(params, "text-generation"),
    ]
    show = "System.out.println(JsonUtils.toJson(param.getParameters()));"
    lines = run_java("Generation", imports, [build, show], tmp_path_factory.mktemp("gen"), cp)
    assert same_json(json.loads(lines[0]), params), (lines[0], params)


def test_the_typed_setters_are_used_for_values_of_their_type() -> None:
    body = {
        "model": "m",
        "messages": [{"role": "user", "content": "Hi"}],
        "temperature": 0.7,
        "stop": ["\n\n", "END"],
        "stream_options": {"include_usage": True},
        "response_format": {"type": "json_object"},
        "tool_choice": "auto",
        "top_k": 20,
    }
    assert java_openai_params(body, "chat-completions", True) == [
        '.addUserMessage("Hi")',
        ".temperature(0.7)",
        '.stopOfStrings(List.of("\\n\\n", "END"))',
        ".streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())",
        ".responseFormat(ResponseFormatJsonObject.builder().build())",
        ".toolChoice(ChatCompletionToolChoiceOption.Auto.AUTO)",
        '.putAdditionalBodyProperty("top_k", JsonValue.from(20))',
    ]
    assert "java.util.List" in java_openai_imports(body, "chat-completions", True)


def test_values_of_another_shape_take_the_escape_hatch() -> None:
    body = {"temperature": "hot", "stop": [1], "tools": [], "max_tokens": 5}
    assert java_openai_params(body, "chat-completions", False) == [
        '.putAdditionalBodyProperty("temperature", JsonValue.from("hot"))',
        '.putAdditionalBodyProperty("stop", JsonValue.from(List.of(1)))',
        '.putAdditionalBodyProperty("tools", JsonValue.from(List.of()))',
        # maxTokens(long) is deprecated in the SDK, so -Werror refuses it
        '.putAdditionalBodyProperty("max_tokens", JsonValue.from(5))',
    ]


def test_dashscope_float_setters_get_float_literals() -> None:
    params = {"temperature": 0.7, "top_p": 0.8, "top_k": 20, "enable_search": False, "stop": "x"}
    assert java_dashscope_params(params, "text-generation") == [
        ".temperature(0.7f)",
        ".topP(0.8)",
        ".topK(20)",
        # the SDK drops enableSearch(false), so the parameter map sends it
        '.parameter("enable_search", false)',
        # stopString("x") would send a list
        '.parameter("stop", "x")',
    ]
    # a value no float prints back as itself keeps a double's precision
    assert java_float(0.123456789) is None
    assert java_float(1) == "1.0f"
    assert java_dashscope_params({"temperature": 0.123456789}, "text-generation") == [
        '.parameter("temperature", 0.123456789)'
    ]


def test_setter_sends_compares_types() -> None:
    setter = Setter("enableSearch", "Boolean", only=(True,))
    assert setter.sends(True) and not setter.sends(False) and not setter.sends(1)
    assert DASHSCOPE_GENERATION["temperature"].java_type == "Float"
    assert OPENAI_CHAT["temperature"].java_type == "double"


def test_java_double_and_literal_forms() -> None:
    assert java_double(1) == "1.0" and java_double(0.5) == "0.5" and java_double(1e300) == "1e+300"
    assert java_double(True) is None and java_double(2**60 + 1) is None
    assert java_literal({"a": None, "b": [None]}) == (
        'Map.of("a", JsonValue.from(null), "b", List.of(JsonValue.from(null)))'
    )
    assert java_literal(2**64) == 'new BigInteger("18446744073709551616")'
    assert java_literal({str(i): i for i in range(11)}).startswith(  # 11 > Map.of's 10
        'Map.ofEntries(\n    Map.entry("0", 0),'
    )
    assert java_literal_imports({"a": [2**64]}) == [
        "java.math.BigInteger",
        "java.util.List",
        "java.util.Map",
    ]
    with pytest.raises(ValueError, match="not a JSON value"):
        java_literal(object())


IMAGE_SYNTHESIS_FITTING = {
    "size": st.sampled_from(["1024*1024", "720*1280"]),
    "n": st.integers(1, 4),
    "seed": st.integers(0, 2**31 - 1),
    "steps": st.integers(1, 50),
    "scale": st.integers(1, 10),
    "style": st.sampled_from(["<auto>", "<photography>"]),
    "prompt_extend": st.booleans(),
    "watermark": st.booleans(),
}


@st.composite
def image_synthesis_requests(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An image-synthesis ``input`` (a prompt, perhaps a negative prompt and other fields)
    and ``parameters`` (known keys with fitting or arbitrary values, and unknown keys)."""
    fields: dict[str, Any] = {"prompt": draw(text)}
    if draw(st.booleans()):
        fields["negative_prompt"] = draw(text)
    for key in draw(st.lists(text.filter(lambda k: k not in fields), max_size=2, unique=True)):
        fields[key] = draw(no_nulls)
    keys = draw(st.lists(st.sampled_from(sorted(IMAGE_SYNTHESIS_FITTING)), unique=True))
    params = {key: draw(IMAGE_SYNTHESIS_FITTING[key] | no_nulls) for key in keys}
    for key in draw(st.lists(text.filter(lambda k: k not in params), max_size=2, unique=True)):
        params[key] = draw(no_nulls)
    return fields, params


@needs_javac
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=image_synthesis_requests())
def test_every_image_synthesis_input_and_parameter_is_sent_unchanged(
    request: tuple[dict[str, Any], dict[str, Any]], tmp_path_factory: Any
) -> None:
    """The typed setters and the escape hatches (extraInput, parameter) together send
    exactly the spec's input and parameters: negative_prompt, which the SDK's own setter
    would also copy into parameters, goes through extraInput."""
    fields, params = request
    cp = classpath(pins.MAVEN)
    calls = [
        '.model("wan2.2-t2i-flash")',
        *java_dashscope_input(fields, "image-synthesis"),
        *java_dashscope_params(params, "image-synthesis"),
    ]
    build = java_build("ImageSynthesisParam param", "ImageSynthesisParam.builder()", calls, 4)
    imports = [
        "com.alibaba.dashscope.aigc.imagesynthesis.ImageSynthesisParam",
        "com.alibaba.dashscope.utils.JsonUtils",
        *java_dashscope_input_imports(fields, "image-synthesis"),
        *java_dashscope_imports(params, "image-synthesis"),
    ]
    show = [
        "System.out.println(JsonUtils.toJson(param.getInput()));",
        "System.out.println(JsonUtils.toJson(param.getParameters()));",
    ]
    lines = run_java("Image", imports, [build, *show], tmp_path_factory.mktemp("image"), cp)
    assert same_json(json.loads(lines[0]), fields), (lines[0], fields)
    assert same_json(json.loads(lines[1]), params), (lines[1], params)


def test_image_synthesis_takes_typed_setters_and_extra_input() -> None:
    fields = {"prompt": "A cat", "negative_prompt": "dogs"}
    assert java_dashscope_input(fields, "image-synthesis") == [
        '.prompt("A cat")',
        '.extraInput("negative_prompt", "dogs")',
    ]
    params = {"size": "1024*1024", "n": 1, "watermark": "yes", "quality": "high"}
    assert java_dashscope_params(params, "image-synthesis") == [
        '.size("1024*1024")',
        ".n(1)",
        '.parameter("watermark", "yes")',
        '.parameter("quality", "high")',
    ]


def test_the_image_synthesis_task_is_the_path_segment_before_the_function() -> None:
    path = "/api/v1/services/aigc/text2image/image-synthesis"
    assert java_dashscope_task(path) == "text2image"
    with pytest.raises(ValueError, match="not an image-synthesis path"):
        java_dashscope_task("/api/v1/services/aigc/text2image/generation")


EMBEDDING_FITTING = {
    "text_type": st.sampled_from(["query", "document", "other"]),
    "dimension": st.sampled_from([1024, 64]),
    "output_type": st.sampled_from(["dense", "sparse", "dense&sparse"]),
    "instruct": text,
}
RERANK_FITTING = {
    "top_n": st.integers(1, 10),
    "return_documents": st.booleans(),
    "instruct": text,
}
APPLICATION_FITTING = {
    "temperature": st.floats(0, 2),
    "top_k": st.integers(1, 100),
    "rag_options": st.dictionaries(text, no_nulls, max_size=3),
}
no_null_objects = st.dictionaries(text, no_nulls, max_size=4)


@st.composite
def call_bodies(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A text-embedding, text-rerank or application body: its input fields, and parameters
    with known keys (fitting or arbitrary null-free values) and unknown keys."""
    operation = draw(st.sampled_from(["text-embedding", "text-rerank", "application"]))
    texts = st.lists(text, min_size=1, max_size=3)
    body: dict[str, Any] = {"model": "m"}
    params: dict[str, Any] = {}
    if operation == "text-embedding":
        fields: dict[str, Any] = {"texts": draw(texts)}
        fitting = EMBEDDING_FITTING
    elif operation == "text-rerank":
        fields = {"query": draw(text.filter(str.strip)), "documents": draw(texts)}
        fitting = RERANK_FITTING
    else:
        body = {}
        optional = {
            "session_id": text,
            "memory_id": text,
            "image_list": texts,
            "file_list": texts,
            "biz_params": no_null_objects,
        }
        fields = draw(st.fixed_dictionaries({"prompt": text}, optional=optional))
        # the two parameters ApplicationParam always sends, typed or not
        params = {
            "incremental_output": draw(st.booleans()),
            "has_thoughts": draw(st.booleans() | no_nulls),
        }
        fitting = APPLICATION_FITTING
    keys = draw(st.lists(st.sampled_from(sorted(fitting)), unique=True, min_size=1))
    params |= {key: draw(fitting[key] | no_nulls) for key in keys}
    for key in draw(st.lists(text.filter(lambda k: k not in params), max_size=2, unique=True)):
        params[key] = draw(no_nulls)
    return operation, {**body, "input": fields, "parameters": params}


@needs_javac
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=call_bodies())
def test_every_embedding_rerank_and_application_body_is_sent_unchanged(
    request: tuple[str, dict[str, Any]], tmp_path_factory: Any
) -> None:
    """TextEmbeddingParam, TextReRankParam and ApplicationParam build exactly the spec's
    body (getHttpBody, what the SDK posts) from the typed setters and parameter(key, value)."""
    operation, body = request
    assert dashscope_call_reason(operation, java_dashscope_call(operation).route, body, []) is None
    call = java_dashscope_call(operation)
    calls = [
        *(['.model("m")'] if call.model else ['.appId("app")']),
        *java_dashscope_input(body["input"], operation),
        *java_dashscope_params(body["parameters"], operation),
    ]
    build = java_build(f"{call.param} param", f"{call.param}.builder()", calls, 4)
    imports = [
        f"{call.package}.{call.param}",
        "com.alibaba.dashscope.utils.JsonUtils",
        *java_dashscope_input_imports(body["input"], operation),
        *java_dashscope_imports(body["parameters"], operation),
    ]
    show = "System.out.println(JsonUtils.toJson(param.getHttpBody()));"
    lines = run_java(
        "Body", imports, [build, show], tmp_path_factory.mktemp("body"), classpath(pins.MAVEN)
    )
    assert same_json(json.loads(lines[0]), body), (lines[0], body)


def test_embedding_enums_take_their_constants_and_other_texts_the_parameter_map() -> None:
    params = {"text_type": "query", "output_type": "dense&sparse", "dimension": 64}
    assert java_dashscope_params(params, "text-embedding") == [
        ".textType(TextEmbeddingParam.TextType.QUERY)",
        ".outputType(TextEmbeddingParam.OutputType.DENSE_AND_SPARSE)",
        ".dimension(64)",
    ]
    assert java_dashscope_params({"text_type": "code"}, "text-embedding") == [
        '.parameter("text_type", "code")'
    ]
    reply = ["output", "results", 1, "document", "text"]
    assert java_dashscope_reply(reply, "text-rerank") == (
        "result.getOutput().getResults().get(1).getDocument().getText()"
    )
    with pytest.raises(ValueError, match="TextReRankResult has no getter for 'index'"):
        java_dashscope_reply(["output", "results", 0, "index"], "text-rerank")


VIDEO_FITTING = {
    "size": st.sampled_from(["1920*1080", "832*480"]),
    "duration": st.integers(1, 10),
    "seed": st.integers(0, 2**31 - 1),
    "prompt_extend": st.booleans(),
    "watermark": st.booleans(),
    "resolution": st.sampled_from(["480P", "720P"]),
    "ratio": st.sampled_from(["16:9"]),
    "audio": st.booleans(),
    "with_audio": st.booleans(),
}


@st.composite
def video_requests(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A video-synthesis ``input`` (typed fields, extend_prompt perhaps, unknown keys) and
    ``parameters`` (known keys with fitting or arbitrary values, and unknown keys)."""
    filled = text.filter(bool)  # the SDK leaves out an empty typed field (a decline)
    optional = {"negative_prompt": filled, "img_url": filled, "extend_prompt": st.booleans()}
    fields = draw(st.fixed_dictionaries({"prompt": filled}, optional=optional))
    for key in draw(st.lists(text.filter(lambda k: k not in fields), max_size=2, unique=True)):
        fields[key] = draw(no_nulls)
    keys = draw(st.lists(st.sampled_from(sorted(VIDEO_FITTING)), unique=True))
    params = {key: draw(VIDEO_FITTING[key] | no_nulls) for key in keys}
    for key in draw(st.lists(text.filter(lambda k: k not in params), max_size=2, unique=True)):
        params[key] = draw(no_nulls)
    return fields, params


@needs_javac
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=video_requests())
def test_every_video_synthesis_input_and_parameter_is_sent_unchanged(
    request: tuple[dict[str, Any], dict[str, Any]], tmp_path_factory: Any
) -> None:
    """As the template builds it (extend_prompt and with_audio set to null first, so the
    SDK adds neither), VideoSynthesisParam's body is exactly the spec's input and parameters."""
    fields, params = request
    calls = [
        '.model("wan2.2-t2v-plus")',
        *([] if "extend_prompt" in fields else [".extendPrompt(null)"]),
        *java_dashscope_input(fields, "video-synthesis"),
        ".withAudio(null)",
        *java_dashscope_params(params, "video-synthesis"),
    ]
    build = java_build("VideoSynthesisParam param", "VideoSynthesisParam.builder()", calls, 4)
    imports = [
        "com.alibaba.dashscope.aigc.videosynthesis.VideoSynthesisParam",
        "com.alibaba.dashscope.utils.JsonUtils",
        *java_dashscope_input_imports(fields, "video-synthesis"),
        *java_dashscope_imports(params, "video-synthesis"),
    ]
    show = "System.out.println(JsonUtils.toJson(param.getHttpBody()));"
    tmp = tmp_path_factory.mktemp("video")
    cp = classpath(pins.MAVEN)
    lines = run_java("Video", imports, [build, show], tmp, cp, '@SuppressWarnings("deprecation")')
    body = {"model": "wan2.2-t2v-plus", "input": fields, "parameters": params}
    assert same_json(json.loads(lines[0]), body), (lines[0], body)
