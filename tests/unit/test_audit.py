"""`samplegen audit`: hand-written samples are found, their language told, their drift reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.docs.audit.match import (
    IMAGE,
    STREAM,
    TOOLS,
    closest,
    endpoint_keys,
    endpoint_signs,
    endpoint_values,
    sample_signs,
)
from generator.docs.audit.report import audit_paths, audit_schema, audit_text
from generator.docs.extract import plain_text_samples
from generator.docs.languages import detect, language_from_name
from generator.docs.sync.pages import sync_paths
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
FIXTURES = ROOT / "tests" / "fixtures" / "docs"
SEED = FIXTURES / "seed-000_db3b9d1e76d7666d.txt"  # a copy of /work/shared/seeds/000_...
HANDWRITTEN = FIXTURES / "handwritten.md"


def rules(report) -> list[tuple[int, str, str, str | None]]:
    return [(f.line, f.rule, f.language, f.endpoint) for f in report.findings]


needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"source page not found at {SEED}")


@needs_seed
def test_the_source_page_samples_are_found_by_their_language_lines():
    samples = plain_text_samples(SEED, SEED.read_text())
    assert [(s.line, s.language, s.style) for s in samples] == [
        (19, "python", "openai-compatible"),
        (34, "node", "openai-compatible"),
        (59, "curl", "openai-compatible"),
        (76, "php", "openai-compatible"),
        (121, "csharp", "openai-compatible"),
        (178, "go", "openai-compatible"),
        (244, "java", "openai-compatible"),
        (340, "python", "dashscope-native"),
        (356, "java", "dashscope-native"),
        (407, "curl", "dashscope-native"),
        (429, "php", "dashscope-native"),
        (473, "node", "dashscope-native"),
        (511, "csharp", "dashscope-native"),
        (573, "java", "dashscope-native"),
    ]
    # The last Java sample stops where its code stops, before the "Error codes" table.
    assert samples[-1].code.rstrip().endswith("}\n}")
    assert samples[-1].line + samples[-1].code.count("\n") - 1 == 659


@needs_seed
def test_the_source_page_reports_the_csharp_host_and_the_missing_go_sample():
    report = audit_paths([SEED], SPECS)
    # The first audit's five findings are still there (test_audit_static_rules has the rest).
    assert {
        (136, "host", "csharp", "chat-completions"),
        (247, "outdated-idiom", "java", "chat-completions"),
        (319, "missing-language", "go", "text-generation"),
        (473, "outdated-idiom", "node", "text-generation"),
        (576, "outdated-idiom", "java", "text-generation"),
    } <= set(rules(report))
    # Three endpoints share each path now: the plain ones are matched, not the streamed or
    # image ones (and not multimodal-generation, which shares the DashScope SDK base URL).
    assert [s.endpoint for s in report.samples] == ["chat-completions"] * 7 + [
        "text-generation"
    ] * 7
    (host,) = [f for f in report.findings if f.rule == "host"]
    assert host.severity == "error"
    assert host.page == "https://dashscope.aliyuncs-intl.com/compatible-mode/v1/chat/completions"
    assert host.spec == (
        "dashscope-intl.aliyuncs.com (intl) or dashscope.aliyuncs.com (cn)"
        " or dashscope-us.aliyuncs.com (us)"
    )


def test_hand_written_markdown_drift_is_reported_per_rule():
    report = audit_paths([HANDWRITTEN], SPECS)
    assert rules(report) == [
        (16, "body-key", "python", "chat-completions"),
        (22, "outdated-idiom", "node", "chat-completions"),
        (24, "path", "node", "chat-completions"),
        (36, "api-key-env", "curl", "chat-completions"),
        (36, "auth-header", "curl", "chat-completions"),
        (37, "hardcoded-key", "curl", "chat-completions"),
        (42, "missing-language", "curl", "text-generation"),
        (42, "missing-language", "node", "text-generation"),
    ]
    auth = next(f for f in report.findings if f.rule == "auth-header")
    assert (auth.spec, auth.page) == (
        "Authorization: Bearer $DASHSCOPE_API_KEY",
        "headers sent: Content-Type, X-Api-Key",
    )
    key = next(f for f in report.findings if f.rule == "hardcoded-key")
    assert "0123456789abcdef" not in key.page, "the report never repeats a key"


def test_a_clean_sample_and_an_unrelated_block_have_no_findings():
    text = (
        "```bash\npip install openai\n```\n\n"
        "```python\nimport os\nimport requests\n\n"
        'URL = "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"\n'
        'headers = {"Authorization": "Bearer " + os.environ["DASHSCOPE_API_KEY"]}\n'
        'body = {"model": "qwen-plus", "input": {"messages": []}, '
        '"parameters": {"result_format": "message"}}\n'
        "requests.post(URL, headers=headers, json=body, timeout=60)\n```\n"
    )
    report = audit_text(Path("p.md"), text, load_specs(SPECS))
    assert [(s.language, s.endpoint) for s in report.samples] == [("python", "text-generation")]
    assert report.findings == []


def test_nested_body_keys_are_checked_against_the_nested_schema():
    text = (
        "```php\n<?php\n$url = 'https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/"
        "text-generation/generation';\n$key = getenv('DASHSCOPE_API_KEY');\n"
        "$h = ['Authorization: Bearer ' . $key];\n"
        "$data = ['model' => 'qwen-plus', 'input' => ['messages' => [['role' => 'user', "
        "'content' => 'Hi', 'colour' => 'red']]], 'parameters' => ['seeds' => 1]];\n```\n"
    )
    report = audit_text(Path("p.md"), text, load_specs(SPECS))
    assert [(f.rule, f.page) for f in report.findings] == [
        ("body-key", "input.messages.colour"),
        ("body-key", "parameters.seeds"),
    ]


@pytest.mark.parametrize(
    ("name", "key"),
    [("js", "node"), ("Node.js", "node"), ("C#", "csharp"), ("sh", "curl"), ("golang", "go")],
)
def test_language_names_on_pages_map_to_registry_languages(name: str, key: str):
    assert language_from_name(name) == key


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("<?php\necho 1;\n", "php"),
        ("package main\n\nfunc main() {}\n", "go"),
        ('curl -X POST "https://x"\n', "curl"),
        ("const r = await fetch(u);\nconsole.log(r);\n", "node"),
        ("import os\nprint(os.getenv('X'))\n", "python"),
        ("import java.util.List;\npublic class Main {}\n", "java"),
        ("using System;\nConsole.WriteLine(1);\n", "csharp"),
    ],
)
def test_unlabeled_code_is_recognised_by_its_content(code: str, key: str):
    assert detect(code) == key


def test_json_output_validates_against_the_documented_schema():
    runner = CliRunner()
    result = runner.invoke(
        main, ["audit", "--format", "json", "--fail-on", "never", str(HANDWRITTEN)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(audit_schema())
    jsonschema.validate(data, audit_schema())
    assert data["summary"] == {"error": 4, "warning": 4, "info": 0}
    broken = dict(data, findings=[dict(data["findings"][0], severity="fatal")])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, audit_schema())


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_sets_the_exit_code(fail_on: str, code: int):
    result = CliRunner().invoke(main, ["audit", "--fail-on", fail_on, str(HANDWRITTEN)])
    assert result.exit_code == code


def test_warnings_alone_pass_fail_on_error(tmp_path: Path):
    page = tmp_path / "p.md"
    text = HANDWRITTEN.read_text().split("```bash")[0]  # keep Python and Node.js only
    page.write_text(text.replace('/chat/completion"', '/chat/completions"'))
    result = CliRunner().invoke(main, ["audit", str(page)])
    assert result.exit_code == 0, result.output
    assert "warning: [outdated-idiom] Node.js (chat-completions)" in result.output
    assert CliRunner().invoke(main, ["audit", "--fail-on", "warning", str(page)]).exit_code == 1


def test_json_bodies_in_escaped_string_literals_are_read():
    code = r"""using System;
var apiKey = Environment.GetEnvironmentVariable("DASHSCOPE_API_KEY");
var url = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions";
var auth = "Bearer " + apiKey; // sent as the Authorization header
req.Headers.Add("Authorization", auth);
var json = "{\"model\": \"qwen-plus\", \"messages\": [], \"topk\": 3}";
"""
    report = audit_text(Path("p.md"), f"```csharp\n{code}```\n", load_specs(SPECS))
    assert [(f.line, f.rule, f.page) for f in report.findings] == [(7, "body-key", "topk")]


def test_a_missing_path_is_a_one_line_error_with_exit_2(tmp_path: Path):
    result = CliRunner().invoke(main, ["audit", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert result.output == f"error: {tmp_path / 'nope.md'}: no such file or folder\n"


def test_a_page_synced_from_the_specs_has_no_findings(tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    (site / "guide" / "all-languages.md").unlink()  # needs every template; see test below
    sync_paths([site], SPECS)
    report = audit_paths([site], SPECS)
    assert len(report.samples) == 5
    assert report.findings == []


def test_every_generated_language_of_every_spec_passes_the_audit(tmp_path: Path):
    """A page synced from every spec in specs/ (a tabs marker each), in every language:
    each sample is matched to the endpoint of its marker and nothing is reported."""
    page = tmp_path / "all.md"
    endpoints = load_specs(SPECS)
    page.write_text(
        "# Every endpoint\n\n"
        + "".join(f"<!-- samplegen: {e.id} tabs -->\n<!-- /samplegen -->\n\n" for e in endpoints)
    )
    sync_paths([page], SPECS)
    [synced] = sync_paths([page], SPECS, check=True)  # marker lines in the synced page
    assert sorted(m.endpoint.id for m in synced.markers) == sorted(e.id for e in endpoints)
    report = audit_paths([page], SPECS)
    expected = []
    for marker in synced.markers:
        expected.extend((marker.endpoint.id, v.language) for v in marker.variants)
    assert [(s.endpoint, s.language) for s in report.samples] == expected
    # Each block is the marker's variant of its language (its SDK, or plain HTTP).
    wanted = [v.name for m in synced.markers for v in m.variants]
    assert [v.name if v else None for v in report.variants] == wanted
    assert {s.language for s in report.samples} == {
        "python",
        "node",
        "curl",
        "php",
        "csharp",
        "go",
        "java",
    }
    assert [(f.line, f.rule, f.message) for f in report.findings] == []


def _block(info: str, code: str) -> str:
    return f"```{info}\n{code}```\n\n"


_STREAMED_SDK = """import os
from openai import OpenAI

client = OpenAI(api_key=os.getenv("DASHSCOPE_API_KEY"), base_url="https://dashscope-intl.aliyuncs.com/compatible-mode/v1")
stream = client.chat.completions.create(
    model="qwen-plus", messages=[{"role": "user", "content": "Hi"}], stream=True
)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="")
"""
_VISION_CURL = """curl https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions \\
  -H "Authorization: Bearer $DASHSCOPE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "qwen-vl-plus", "messages": [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "https://help-static-aliyun-doc.aliyuncs.com/dog.png"}},
        {"type": "text", "text": "What is this?"}]}]}'
"""
_PLAIN_FETCH = """const url = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions";
const response = await fetch(url, {
  method: "POST",
  headers: { Authorization: `Bearer ${process.env.DASHSCOPE_API_KEY}` },
  body: JSON.stringify({ model: "qwen-plus", messages: [{ role: "user", content: "Hi" }] }),
});
console.log(await response.json());
"""
_STREAMED_NATIVE_CURL = """URL=https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation
curl "$URL" \\
  -H "Authorization: Bearer $DASHSCOPE_API_KEY" \\
  -H "X-DashScope-SSE: enable" \\
  -d '{"model": "qwen-plus", "input": {"messages": [{"role": "user", "content": "Hi"}]},
       "parameters": {"incremental_output": true, "stream": true}}'
"""
_MULTIMODAL_SDK = """import os
import dashscope

dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"
response = dashscope.MultiModalConversation.call(
    api_key=os.getenv("DASHSCOPE_API_KEY"),
    model="qwen-vl-plus",
    messages=[
        {"role": "user", "content": [{"image": "https://example.com/dog.jpeg"}, {"caption": "x"}]}
    ],
)
print(response)
"""
_PLAIN_NATIVE_SDK = """import os
import dashscope

dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"
response = dashscope.Generation.call(
    api_key=os.getenv("DASHSCOPE_API_KEY"),
    model="qwen-plus",
    messages=[{"role": "user", "content": "Hi"}],
    result_format="message",
)
print(response)
"""


# chat-completions-stream and chat-completions-params-stream share the chat path and the
# stream sign; a streamed sample of model, messages and stream shows every key of the first
# and few of the second's, so it is the first's.
STREAMED_CHAT = "chat-completions-stream"


def test_samples_that_share_a_path_are_matched_by_stream_and_image_signs():
    text = (
        "## OpenAI compatible\n\n"
        + _block("python", _STREAMED_SDK)
        + _block("bash", _VISION_CURL)
        + _block("js", _PLAIN_FETCH)
        + "## DashScope\n\n"
        + _block("bash", _STREAMED_NATIVE_CURL)
        + _block("python", _MULTIMODAL_SDK)
        + _block("python", _PLAIN_NATIVE_SDK)
    )
    endpoints = load_specs(SPECS)
    by_id = {e.id: e for e in endpoints}
    tied = [by_id["chat-completions-stream"], by_id["chat-completions-params-stream"]]
    assert {(e.path, endpoint_signs(e)) for e in tied} == {
        ("/compatible-mode/v1/chat/completions", frozenset({STREAM}))
    }
    assert min(e.id for e in tied) != STREAMED_CHAT  # not the first id: the keys decide
    report = audit_text(Path("p.md"), text, endpoints)
    assert [s.endpoint for s in report.samples] == [
        STREAMED_CHAT,
        "vision-chat-completions",
        "chat-completions",
        "text-generation-stream",
        "multimodal-generation",
        "text-generation",
    ]
    # Body keys are checked against the matched endpoint's schema: parameters.stream is in no
    # text-generation schema; a content part other than image/text/video only breaks
    # multimodal-generation's. The image URLs on an aliyuncs host are data, not API calls.
    lines = text.split("\n")
    found = [(lines[f.line - 1].strip()[:20], f.rule, f.page) for f in report.findings]
    assert [f for f in found if f[1] != "missing-language"] == [
        ('"parameters": {"incr', "body-key", "parameters.stream"),
        ('{"role": "user", "co', "body-key", "messages.content.caption"),
    ]


def _curl(path: str) -> str:
    # -X POST: without it (and without data) curl sends GET, which no endpoint here takes.
    code = (
        f"curl -X POST https://dashscope-intl.aliyuncs.com{path} \\\n"
        '  -H "Authorization: Bearer $DASHSCOPE_API_KEY"\n'
    )
    return _block("bash", code)


def test_missing_languages_are_compared_among_the_endpoints_the_page_documents():
    chat_python = _block("python", _STREAMED_SDK.replace(", stream=True", ""))
    page = (
        "## OpenAI compatible\n\n"
        + chat_python
        + _curl("/compatible-mode/v1/chat/completions")
        + "## DashScope\n\n"
        + _block("python", _PLAIN_NATIVE_SDK)
        + _curl("/api/v1/services/aigc/text-generation/generation")
    )
    endpoints = load_specs(SPECS)
    report = audit_text(Path("p.md"), page, endpoints)
    assert [(s.language, s.endpoint) for s in report.samples] == [
        ("python", "chat-completions"),
        ("curl", "chat-completions"),
        ("python", "text-generation"),
        ("curl", "text-generation"),
    ]
    assert report.findings == []  # not told it lacks streamed or image samples

    streamed = page.replace("## DashScope", _block("python", _STREAMED_SDK) + "## DashScope")
    report = audit_text(Path("p.md"), streamed, endpoints)
    assert [(f.line, f.rule, f.language, f.endpoint) for f in report.findings] == [
        (1, "missing-language", "curl", STREAMED_CHAT)
    ]


def test_a_language_samplegen_cannot_render_for_an_endpoint_is_not_missing(monkeypatch):
    """Were there no Java sample that streams, a streamed endpoint would not lack one."""
    import generator.docs.audit.report as audit

    page = (
        "## OpenAI compatible\n\n"
        + _block("python", _STREAMED_SDK)
        + _block("python", _STREAMED_SDK.replace(", stream=True", ""))
        + _block(
            "java",
            'class Main {\n  String url = "https://dashscope-intl.aliyuncs.com'
            '/compatible-mode/v1/chat/completions";\n'
            '  String key = System.getenv("DASHSCOPE_API_KEY");\n}\n',
        )
    )
    endpoints = load_specs(SPECS)

    def missing() -> list[tuple[str, str | None]]:
        report = audit_text(Path("p.md"), page, endpoints)
        return [(f.language, f.endpoint) for f in report.findings if f.rule == "missing-language"]

    assert missing() == [("java", STREAMED_CHAT)]
    no_java_stream = tuple(v for v in audit.VARIANTS if v.language != "java" or not v.streaming)
    monkeypatch.setattr(audit, "VARIANTS", no_java_stream)
    assert missing() == []


@pytest.mark.parametrize(
    ("code", "signs"),
    [
        ('{"model": "qwen-plus", "stream": true}', {STREAM}),
        ("create(model=m, messages=ms, stream=True)", {STREAM}),
        ("$body = ['stream' => true];", {STREAM}),
        ('var json = @"{""stream"": true}";', {STREAM}),
        ("Stream: true,", {STREAM}),
        ('req.Header.Set("X-DashScope-SSE", "enable")', {STREAM}),
        ("generation.streamCall(param)", {STREAM}),
        ('{"type": "image_url", "image_url": {"url": u}}', {IMAGE}),
        ('[{"image": "https://x/y.png"}, {"text": "What?"}]', {IMAGE}),
        ('Map.of("image", url)', {IMAGE}),
        ('content: [{ image:\n "https://x/y.png" }]', {IMAGE}),
        ("dashscope.MultiModalConversation.call(**kwargs)", {IMAGE}),
        ('{"stream": true, "messages": [{"content": [{"image": u}]}]}', {STREAM, IMAGE}),
        ('{"model": "qwen-plus", "stream": false, "isStream": true}', set()),
        ('{"tools": [{"type": "function"}]}', {TOOLS}),
        ("create(model=m, messages=ms, tools=tools)", {TOOLS}),
        (".addFunctionTool(FunctionDefinition.builder()", {TOOLS}),
        ("if tools == []:", set()),
        ('print("streamed image")', set()),
    ],
)
def test_sample_signs(code: str, signs: set[str]):
    assert sample_signs(code) == signs


def test_each_spec_has_its_own_signs_keys_or_values_among_those_of_its_operation():
    """Endpoints of one path and operation differ in their signs (streaming, images, tools),
    their request keys or their values; a block that writes exactly one endpoint's request
    is matched to that endpoint, whatever the order of the specs."""
    endpoints = load_specs(SPECS)
    for e in endpoints:
        assert (STREAM in endpoint_signs(e)) == e.streams, e.id
    for path in {e.path for e in endpoints}:
        sharing = [e for e in endpoints if e.path == path]
        for e in sharing:
            same = [o for o in sharing if o.operation == e.operation and o.method == e.method]
            twins = [o for o in same if endpoint_signs(o) == endpoint_signs(e)]
            told = {(endpoint_keys(o), endpoint_values(o)) for o in twins}
            assert len(told) == len(twins), (path, [o.id for o in twins])
            request = dict(e.request_example) if isinstance(e.request_example, dict) else {}
            request |= {p.name: p.example for p in e.query_params}
            request |= {f.field: f.path for f in e.files}
            code = json.dumps(request)
            for order in (same, same[::-1]):
                assert closest(order, endpoint_signs(e), code).id == e.id, (e.id, order)
    signs = {e.id: endpoint_signs(e) for e in endpoints}
    assert signs["chat-completions"] == signs["text-generation"] == frozenset()
    assert signs["chat-completions-stream"] == signs["text-generation-stream"] == {STREAM}
    assert signs["vision-chat-completions"] == signs["multimodal-generation"] == {IMAGE}
    assert signs["function-calling"] == {TOOLS}


_prose_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<`~"),
    max_size=40,
)


@settings(max_examples=50, deadline=None)
@given(prose=st.lists(_prose_line, max_size=8))
def test_finding_lines_are_page_lines_whatever_prose_comes_first(prose: list[str]):
    before = "\n".join(prose)
    sample = (
        "```python\nimport os\n"
        'URL = "https://dashscope.aliyuncs-intl.com/api/v1/services/aigc/text-generation/generation"\n'
        'headers = {"Authorization": "Bearer " + os.environ["DASHSCOPE_API_KEY"]}\n```\n'
    )
    text = f"{before}\n\n{sample}"
    report = audit_text(Path("p.md"), text, load_specs(SPECS))
    url_line = before.count("\n") + 5
    assert [(f.line, f.rule) for f in report.findings] == [(url_line, "host")]
    assert text.split("\n")[url_line - 1].startswith("URL = ")
