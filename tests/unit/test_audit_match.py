"""Which endpoint a block calls: every generated sample is recognised without its marker, and
each piece of evidence the matcher reads (path templates, methods, SDK calls, keys) is read
the way each language writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.docs.audit.match import (
    SDK_CALLS,
    http_methods,
    path_fits,
    sdk_family,
    sdk_operation,
    sdk_route,
    shown_keys,
    shown_values,
)
from generator.docs.audit.report import audit_text
from generator.docs.sync.pages import SampleSource
from generator.render.registry import (
    JAVA_DASHSCOPE_OPERATIONS,
    PYTHON_DASHSCOPE_OPERATIONS,
    VARIANTS,
    language,
)
from generator.sources import load_specs

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
OUTPUT = ROOT / "output"


def _generated() -> list[tuple[str, str, str]]:
    """(endpoint id, variant name, code) of every spec x every variant that renders it: the
    committed file in output/, or rendered from the templates where output/ has none yet."""
    source = SampleSource(SPECS)
    samples = []
    for endpoint in load_specs(SPECS):
        for v in VARIANTS:
            if not v.supports(endpoint):
                continue
            committed = OUTPUT / endpoint.id / v.language / v.key / v.filename
            code = (
                committed.read_text("utf-8")
                if committed.is_file()
                else source.render(endpoint, v, None)
            )
            samples.append((endpoint.id, v.name, code))
    return samples


def _page(samples: list[tuple[str, str, str]]) -> str:
    """One fenced block per sample, with no sync marker and no heading naming its API."""
    blocks = []
    for _, name, code in samples:
        variant = next(v for v in VARIANTS if v.name == name)
        fence = "`" * max([3, *(len(m) + 1 for m in re.findall(r"`{3,}", code))])
        blocks.append(f"{fence}{language(variant.language).info_string}\n{code}{fence}\n")
    return "A page of pasted samples.\n\n" + "\n".join(blocks)


def test_every_generated_sample_is_matched_to_its_own_endpoint_without_a_marker():
    samples = _generated()
    endpoints = load_specs(SPECS)
    assert {e for e, _, _ in samples} == {e.id for e in endpoints}  # every spec is covered
    report = audit_text(Path("pasted.md"), _page(samples), endpoints)
    assert len(report.samples) == len(samples)  # every block is recognised as an API sample
    misses = [
        f"{name} of {own} taken for {found.endpoint}"
        for (own, name, _), found in zip(samples, report.samples, strict=True)
        if found.endpoint != own
    ]
    assert misses == [], f"{len(samples) - len(misses)} of {len(samples)} matched"
    # ... and as the variant it is (its SDK, or plain HTTP), so --fix keeps its kind.
    variants = [v.name if v else None for v in report.variants]
    assert variants == [name for _, name, _ in samples]
    # Matched to their own specs, samplegen's samples break no static rule.
    assert [(f.line, f.rule, f.endpoint, f.message) for f in report.findings] == []


@pytest.mark.parametrize(
    ("path", "template", "fits"),
    [
        ("/compatible-mode/v1/files/file-abc", "/compatible-mode/v1/files/{file_id}", True),
        ("/compatible-mode/v1/files/", "/compatible-mode/v1/files/{file_id}", True),  # + id
        ("/compatible-mode/v1/files", "/compatible-mode/v1/files/{file_id}", False),
        ("/compatible-mode/v1/files", "/compatible-mode/v1/files", True),
        ("/compatible-mode/v1/files/", "/compatible-mode/v1/files", True),
        ("/compatible-mode/v1/files/a/b", "/compatible-mode/v1/files/{file_id}", False),
        ("/api/v1/apps/YOUR_APP_ID/completion", "/api/v1/apps/{app_id}/completion", True),
        ("/api/v1/apps/", "/api/v1/apps/{app_id}/completion", True),
        ("/api/v1/apps/x/completions", "/api/v1/apps/{app_id}/completion", False),
        ("/api/v1/tasks/", "", False),
    ],
)
def test_a_url_path_fits_a_spec_path_template(path: str, template: str, fits: bool):
    assert path_fits(path, template) is fits


_segment = st.text(alphabet=st.characters(blacklist_characters="/?#", codec="ascii"), min_size=1)


@given(first=_segment, second=_segment)
def test_any_segment_fills_a_path_parameter(first: str, second: str):
    template = "/v1/{a}/x/{b}"
    assert path_fits(f"/v1/{first}/x/{second}", template)
    assert not path_fits(f"/v1/{first}/y/{second}", template)


@pytest.mark.parametrize(
    ("lang", "code", "methods"),
    [
        ("curl", "curl -X DELETE https://h/f/1", {"DELETE"}),
        ("curl", "curl --request GET \\\n  --url 'https://h/f'", {"GET"}),
        ("curl", "curl https://h/f -d '{}'", {"POST"}),
        ("curl", "curl https://h/f --form 'purpose=x'", {"POST"}),
        ("curl", "curl https://h/f", {"GET"}),
        ("python", "requests.delete(URL, headers=h)", {"DELETE"}),
        ("python", "key = os.environ.get('K')\nrequests.post(URL)", {"POST"}),
        ("node", 'await fetch(url, { method: "DELETE" })', {"DELETE"}),
        ("node", "await fetch(url)", {"GET"}),
        ("go", 'http.NewRequest("GET", apiURL, nil)', {"GET"}),
        ("csharp", 'new HttpRequestMessage(new HttpMethod("DELETE"), ApiUrl)', {"DELETE"}),
        ("csharp", "await client.GetAsync(url)", {"GET"}),
        ("csharp", 'Environment.GetEnvironmentVariable("K")', set()),
        ("java", "HttpRequest.newBuilder().uri(u).DELETE().build()", {"DELETE"}),
        ("java", ".POST(HttpRequest.BodyPublishers.ofString(body))", {"POST"}),
        ("php", "$response = send('GET', $url, $headers);", {"GET"}),
        ("php", "curl_setopt($ch, CURLOPT_POST, true);", {"POST"}),
    ],
)
def test_the_http_method_is_read_as_each_language_names_it(lang: str, code: str, methods):
    assert http_methods(lang, code) == methods


_IMPORTS = {
    ("python", "openai"): "from openai import OpenAI\n",
    ("node", "openai"): 'import OpenAI from "openai";\n',
    ("java", "openai"): "import com.openai.client.OpenAIClient;\n",
    ("python", "dashscope"): "import dashscope\n",
    ("java", "dashscope"): "import com.alibaba.dashscope.aigc.generation.Generation;\n",
}


@pytest.mark.parametrize(
    ("lang", "family", "call", "operation"),
    [
        ("python", "openai", "client.files.create(file=f)", "files.create"),
        ("node", "openai", "client.files.del(id)", "files.delete"),
        ("java", "openai", "client.files().list(p)", "files.list"),
        ("java", "openai", "EmbeddingCreateParams.builder()", "embeddings"),
        ("python", "dashscope", "dashscope.TextReRank.call(model=m)", "text-rerank"),
        ("python", "dashscope", "dashscope.TextEmbedding.call()", "text-embedding"),
        (
            "python",
            "dashscope",
            "r = ImageSynthesis.async_call()\nImageSynthesis.fetch(r)",
            "image-synthesis",
        ),
        ("python", "dashscope", "dashscope.ImageSynthesis.fetch(task_id)", "tasks.get"),
        ("java", "dashscope", "ImageSynthesisParam.builder()", "image-synthesis"),
        (
            "java",
            "dashscope",
            "r = videoSynthesis.asyncCall(VideoSynthesisParam.builder().build());\n"
            "r = videoSynthesis.fetch(id, key);",
            "video-synthesis",
        ),
        ("java", "dashscope", 'imageSynthesis.fetch("id", apiKey)', "tasks.get"),
        ("java", "dashscope", "Generation gen = new Generation();", "text-generation"),
        ("python", None, "requests.post(URL)", None),
        ("node", None, "const r = await fetch(url);", None),
    ],
)
def test_the_sdk_call_names_the_operation(lang: str, family, call: str, operation):
    code = _IMPORTS.get((lang, family), "import requests\n") + call
    assert sdk_family(lang, code) == family
    assert sdk_operation(family, code) == operation


def test_every_operation_in_the_sdk_tables_is_one_the_registry_or_a_spec_names():
    # The OpenAI SDKs' operations come from their derived tables (found by route); the
    # audit's rows name the operations the shipped specs give.
    known = PYTHON_DASHSCOPE_OPERATIONS | JAVA_DASHSCOPE_OPERATIONS
    known |= {e.operation for e in load_specs(SPECS)}
    assert {op for table in SDK_CALLS.values() for op, _ in table} <= known
    # Every operation a hand-listed SDK variant can call has a row that recognises its call.
    for variant in VARIANTS:
        if variant.is_sdk and variant.sdk is None:
            assert variant.operations <= {op for op, _ in SDK_CALLS[variant.key]}, variant.name


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ('{"model": "m", "top_p": 0.8}', {"model", "top_p"}),
        ("create(model=m, top_p=0.8, max_tokens=5)", {"model", "top_p", "max_tokens"}),
        ("{ topP: 0.8, maxTokens: 5 }", {"top_p", "max_tokens"}),
        (".topP(0.8).maxTokens(5L)", {"top_p", "max_tokens"}),
        ("TopP: 0.8,", {"top_p"}),
        ('""top_p"": 0.8', {"top_p"}),
        ("'top_p' => 0.8", {"top_p"}),
        ('{"role": "user", "content": "Hi"}', {"content"}),  # "user" is a value here
        ("--form-string 'purpose=file-extract'", {"purpose"}),
        ('form.Add(new StringContent("file-extract"), "purpose");', {"purpose"}),
        ("top_p_extra = 1; ntop_p: 2", set()),
    ],
)
def test_request_keys_are_seen_as_each_language_spells_them(code: str, shown: set[str]):
    keys = {"model", "top_p", "max_tokens", "purpose", "user", "content"}
    assert shown_keys(keys, code) == shown


_HOST = "https://dashscope-intl.aliyuncs.com"
# Hand-written samples, each written another way than samplegen writes it.
HAND_WRITTEN = [
    (
        "python",
        f'import os, requests\nBASE = "{_HOST}/compatible-mode/v1"\n'
        'requests.delete(f"{BASE}/files/{file_id}",\n'
        '    headers={"Authorization": "Bearer " + os.environ["DASHSCOPE_API_KEY"]})\n',
        "file-delete",
    ),
    (
        "node",
        f'const base = "{_HOST}/compatible-mode/v1";\n'
        "const r = await fetch(`${base}/files?limit=5`, {\n"
        "  headers: { Authorization: `Bearer ${process.env.DASHSCOPE_API_KEY}` } });\n",
        "file-list",
    ),
    (
        "go",
        f'const baseURL = "{_HOST}/compatible-mode/v1"\n'
        "func main() {\n"
        '\treq, _ := http.NewRequest(http.MethodPost, baseURL+"/files", body)\n'
        '\tw.WriteField("purpose", "file-extract")\n'
        '\treq.Header.Set("Authorization", "Bearer "+os.Getenv("DASHSCOPE_API_KEY"))\n}\n',
        "file-upload",
    ),
    (
        "curl",
        f"BASE={_HOST}/api/v1\n"
        'curl "$BASE/tasks/$TASK_ID" -H "Authorization: Bearer $DASHSCOPE_API_KEY"\n',
        "task-status",
    ),
    (
        "python",
        "import os\nimport dashscope\n\nresp = dashscope.TextReRank.call(\n"
        '    api_key=os.getenv("DASHSCOPE_API_KEY"), model="gte-rerank-v2",\n'
        '    query="What is a text rerank model?", documents=["a", "b"], top_n=2)\n',
        "text-rerank",
    ),
    (
        "python",
        "import os\nfrom openai import OpenAI\n\n"
        'client = OpenAI(api_key=os.getenv("DASHSCOPE_API_KEY"),\n'
        f'                base_url="{_HOST}/compatible-mode/v1")\n'
        'r = client.embeddings.create(model="text-embedding-v4", input="hi")\n'
        "print(r.data[0].embedding)\n",
        "embeddings",
    ),
    (
        "java",
        "import com.openai.models.files.FileDeleteParams;\nclass Main {\n"
        '  String key = System.getenv("DASHSCOPE_API_KEY");\n'
        "  void run() {\n"
        '    client.files().delete(FileDeleteParams.builder().fileId("f").build());\n  }\n}\n',
        "file-delete",
    ),
    (
        "python",
        f'import os, requests\nURL = "{_HOST}/compatible-mode/v1/chat/completions"\n'
        'key = os.environ["DASHSCOPE_API_KEY"]\n'
        'requests.post(URL, headers={"Authorization": "Bearer " + key},\n'
        '    json={"model": "qwen-plus", "messages": [{"role": "user", "content": "Hi"}],\n'
        '          "temperature": 0.7, "top_p": 0.8, "max_tokens": 512, "seed": 1, "n": 1,\n'
        '          "presence_penalty": 0, "frequency_penalty": 0, "stop": ["x"], "top_k": 5})\n',
        "chat-completions-params",
    ),
]


@pytest.mark.parametrize(("lang", "code", "endpoint"), HAND_WRITTEN)
def test_hand_written_samples_of_every_operation_are_matched_by_what_they_call(
    lang: str, code: str, endpoint: str
):
    page = f"```{language(lang).info_string}\n{code}```\n"
    report = audit_text(Path("p.md"), page, load_specs(SPECS))
    assert [s.endpoint for s in report.samples] == [endpoint]


@pytest.mark.parametrize(
    ("code", "count"),
    [
        ('"incremental_output": false, "result_format": "message"', 2),
        ("incremental_output=False, result_format='message'", 2),
        ('.incrementalOutput(false).resultFormat("message")', 2),
        ('""incremental_output"": false', 1),
        ('"incremental_output": true, "result_format": "text"', 0),
        ('"incremental_output": falsey', 0),
        ('"top_k": 50', 1),
        ('"top_k": 500', 0),
    ],
)
def test_request_values_are_seen_right_after_their_keys(code: str, count: int):
    pairs = {("incremental_output", False), ("result_format", "message"), ("top_k", 50)}
    assert shown_values(pairs, code) == count


@pytest.mark.parametrize(
    ("lang", "code", "route"),
    [
        (
            "python",
            "client.vector_stores.files.list(vector_store_id=vs)",
            ("GET", "/vector_stores/{}/files"),
        ),
        ("node", "await client.vectorStores.files.list(vs)", ("GET", "/vector_stores/{}/files")),
        ("java", "client.batches()\n    .retrieve(params)", ("GET", "/batches/{}")),
        ("java", "client.chat().completions().createStreaming(p)", ("POST", "/chat/completions")),
        ("python", "client.beta.assistants.create(model=m)", ("POST", "/assistants")),
        ("python", "client.chat.completions.create(model=m)", ("POST", "/chat/completions")),
        ("python", "requests.post(url)", None),
    ],
)
def test_an_sdk_call_of_a_derived_table_names_its_route(lang: str, code: str, route) -> None:
    # Any call the pinned SDK has (not only those a spec names) finds its method and route.
    assert sdk_route("openai", lang, code) == route
