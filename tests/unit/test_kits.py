"""Starter kits: planning, rendering, determinism, zip archives, --check and the kit filters."""

from __future__ import annotations

import io
import json
import stat
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator import __version__
from generator.cli.main import main
from generator.errors import SamplegenError, TemplateError
from generator.kits import (
    KIT_MANIFEST,
    KitRequest,
    check_kit,
    plan,
    render_kit,
    render_kits,
    write_kits,
    zip_bytes,
)
from generator.kits.filters import (
    kit_identifier,
    kit_md_text,
    kit_pascal,
    kit_toml_str,
    kit_xml_text,
)
from generator.kits.layout import LAYOUTS
from generator.render.environment import make_environment
from generator.render.registry import LANGUAGES, VARIANTS, variant
from generator.render.samples import render_sample
from generator.sdk.pins import KIT_TOOLCHAINS, MAVEN, NPM, PYTHON
from generator.sources import load_specs
from tests.conftest import SPECS, TEMPLATES, copy_specs

# The two endpoints these tests are written against (more specs may be added to specs/).
BASE = ("chat-completions", "text-generation")
ENDPOINTS = [e for e in load_specs(SPECS) if e.id in BASE]
HOSTILE = "Q\"uo'te \\ $HOME ${x} #{y} {z} `tick` <b>&amp;</b>\nline2\t\u202e é 漢 [a](b) *e*"


@pytest.fixture
def specs_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped specs of the ``BASE`` endpoints only."""
    return copy_specs(tmp_path / "specs", *(e.source.name for e in ENDPOINTS))


def available(name: str) -> bool:
    """Whether the sample template of variant ``name`` exists yet."""
    return (TEMPLATES / variant(name).template).is_file()


def need_template(name: str) -> None:
    """Skip loudly when the sample template of ``name`` is not written yet."""
    if not available(name):
        pytest.skip(f"SKIPPED: no sample template {variant(name).template} yet")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def hostile_specs(specs_copy: Path) -> Path:
    """The shipped specs with a title and description holding every quoting character."""
    for path in specs_copy.glob("[!_]*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        data["title"] = HOSTILE
        data["description"] = HOSTILE
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return specs_copy


# -- planning ------------------------------------------------------------------------------


def test_default_variant_is_the_first_that_can_call_each_endpoint() -> None:
    kits = plan(ENDPOINTS, "python")
    assert [(k.endpoint, k.variant) for k in kits] == [
        ("chat-completions", "openai"),
        ("text-generation", "dashscope"),
    ]
    assert all(k.region == "intl" and k.locale == "en" for k in kits)


def test_variant_and_endpoint_selection() -> None:
    kits = plan(ENDPOINTS, "python", variant="python-requests", endpoint_ids=["text-generation"])
    assert [(k.endpoint, k.variant) for k in kits] == [("text-generation", "requests")]
    # a variant that cannot call an endpoint is left out when the endpoint was not named
    assert [k.endpoint for k in plan(ENDPOINTS, "python", variant="openai")] == ["chat-completions"]


def test_all_makes_every_variant_of_every_language() -> None:
    kits = plan(ENDPOINTS, every=True)
    expected = sum(1 for e in ENDPOINTS for v in VARIANTS if v.supports(e))
    assert len(kits) == expected
    assert {k.language for k in kits} == {lang.key for lang in LANGUAGES}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": "cobol"}, "unknown language 'cobol' (valid: python, node, curl, php"),
        ({"lang": "python", "variant": "axios"}, "(valid: openai, dashscope, anthropic, requests)"),
        (
            {"lang": "python", "endpoint_ids": ["nope"]},
            "unknown endpoint 'nope' (valid: chat-completions, text-generation)",
        ),
        (
            {"lang": "python", "variant": "openai", "endpoint_ids": ["text-generation"]},
            "variant python-openai cannot call text-generation",
        ),
        ({"lang": "python", "region": "mars"}, "has no region mars (known: intl, cn, us)"),
        ({"lang": "python", "locale": "xx"}, "unknown locale 'xx'"),
        ({"lang": "python", "every": True}, "--all makes every language"),
        ({}, "name a language or pass --all"),
    ],
)
def test_bad_requests_list_the_valid_names(kwargs: dict, message: str) -> None:
    with pytest.raises(SamplegenError) as info:
        plan(ENDPOINTS, **kwargs)
    assert message in str(info.value)
    assert info.value.exit_code == 2


def test_cli_unknown_names_exit_2(tmp_path: Path) -> None:
    result = run("kit", "cobol", "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown language 'cobol' (valid: python," in result.output
    assert not any(tmp_path.iterdir())
    result = run("kit", "python", "--variant", "nope", "--out", str(tmp_path))
    assert (
        result.exit_code == 2 and "valid: openai, dashscope, anthropic, requests" in result.output
    )


# -- rendering -----------------------------------------------------------------------------


def kit_for(name: str, endpoint: str, specs: Path | None = None, **kw: str):
    endpoints = load_specs(specs) if specs else ENDPOINTS
    v = variant(name)
    request = KitRequest(v.language, v.key, endpoint, kw.get("region", "intl"))
    return render_kit(request, endpoints)


@pytest.mark.parametrize(
    ("name", "endpoint"),
    [(v.name, e.id) for v in VARIANTS for e in ENDPOINTS if v.supports(e) and available(v.name)],
)
def test_entry_file_is_the_generated_sample_byte_for_byte(name: str, endpoint: str) -> None:
    kit = kit_for(name, endpoint)
    endpoint_model = next(e for e in ENDPOINTS if e.id == endpoint)
    sample = render_sample(make_environment(TEMPLATES), endpoint_model, variant(name))
    assert kit.files[kit.entry] == sample
    layout = LAYOUTS[variant(name).language]
    expected = {kit.entry, KIT_MANIFEST, "README.md", ".env.example", ".gitignore"}
    expected |= {path.format(project=kit_pascal(endpoint)) for path, _ in layout.files}
    assert set(kit.files) == expected
    assert "DASHSCOPE_API_KEY=\n" in kit.files[".env.example"]
    assert ".env" in kit.files[".gitignore"].splitlines()


def test_project_files_declare_the_pins() -> None:
    need_template("python-openai")
    py = tomllib.loads(kit_for("python-openai", "chat-completions").files["pyproject.toml"])
    assert py["project"]["dependencies"] == [f"openai=={PYTHON['openai']}"]
    assert py["project"]["requires-python"] == KIT_TOOLCHAINS["python"]
    assert py["tool"]["setuptools"]["py-modules"] == ["main"]
    need_template("java-openai")
    pom = ET.fromstring(kit_for("java-openai", "chat-completions").files["pom.xml"])
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    deps = [
        (d.findtext("m:groupId", namespaces=ns), d.findtext("m:version", namespaces=ns))
        for d in pom.findall("m:dependencies/m:dependency", ns)
    ]
    assert deps == [("com.openai", MAVEN["com.openai:openai-java"])]
    plugins = [p.findtext("m:artifactId", namespaces=ns) for p in pom.iter(f"{{{ns['m']}}}plugin")]
    assert "exec-maven-plugin" in plugins
    assert pom.findtext("m:properties/m:exec.mainClass", namespaces=ns) == "Main"
    java = kit_for("java-openai", "chat-completions")
    assert java.entry == "src/main/java/Main.java"


def test_node_and_php_project_files() -> None:
    need_template("node-openai")
    package = json.loads(kit_for("node-openai", "chat-completions").files["package.json"])
    assert package["type"] == "module"
    assert package["engines"] == {"node": KIT_TOOLCHAINS["node"]}
    assert package["dependencies"] == {"openai": NPM["openai"]}
    need_template("php-curl")
    composer = json.loads(kit_for("php-curl", "chat-completions").files["composer.json"])
    assert composer["require"]["ext-curl"] == "*"


def test_csharp_and_go_project_files() -> None:
    need_template("csharp-httpclient")
    kit = kit_for("csharp-httpclient", "text-generation")
    project = ET.fromstring(kit.files["TextGeneration.csproj"])
    assert project.findtext("PropertyGroup/TargetFramework") == KIT_TOOLCHAINS["dotnet"]
    need_template("go-nethttp")
    gomod = kit_for("go-nethttp", "chat-completions").files["go.mod"]
    assert gomod == f"module chat-completions-go-nethttp\n\ngo {KIT_TOOLCHAINS['go']}\n"


def test_hostile_title_cannot_break_out_of_any_project_file(specs_copy: Path) -> None:
    specs = hostile_specs(specs_copy)
    kits = {
        v.name: kit_for(v.name, "chat-completions", specs)
        for v in VARIANTS
        if v.supports("openai-compatible") and available(v.name)
    }
    if "python-openai" in kits:
        assert tomllib.loads(kits["python-openai"].files["pyproject.toml"])["project"][
            "description"
        ] == (HOSTILE)
    if "java-openai" in kits:
        pom = ET.fromstring(kits["java-openai"].files["pom.xml"])
        assert pom.findtext("{http://maven.apache.org/POM/4.0.0}name") == HOSTILE
    if "node-openai" in kits:
        assert json.loads(kits["node-openai"].files["package.json"])["description"] == HOSTILE
    if "php-curl" in kits:
        assert json.loads(kits["php-curl"].files["composer.json"])["description"] == HOSTILE
    for kit in kits.values():
        tokens = MarkdownIt("commonmark").parse(kit.files["README.md"])
        assert [t.type for t in tokens[:6]] == [
            "heading_open", "inline", "heading_close",
            "paragraph_open", "inline", "paragraph_close",
        ]  # fmt: skip
        assert tokens[1].children and tokens[4].children
        for inline in (tokens[1], tokens[4]):
            text = "".join(c.content for c in inline.children or [])
            assert text == _md_expected(HOSTILE)
        assert "html_block" not in {t.type for t in tokens}
        inline = [c.type for t in tokens if t.children for c in t.children]
        assert not {"html_inline", "link_open", "em_open", "strong_open"} & set(inline)
        assert "\u202e" not in kit.files["README.md"]


def test_rendering_is_deterministic_and_zip_is_byte_identical() -> None:
    requests = plan(ENDPOINTS, "python") + plan(ENDPOINTS, "curl")
    first = render_kits(requests, ENDPOINTS)
    second = render_kits(requests, ENDPOINTS)
    assert [k.files for k in first] == [k.files for k in second]
    for a, b in zip(first, second, strict=True):
        assert zip_bytes(a) == zip_bytes(b)
    curl = next(k for k in first if k.request.language == "curl")
    with zipfile.ZipFile(io.BytesIO(zip_bytes(curl))) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert all(n.startswith(f"{curl.name}/") for n in names)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        modes = {i.filename.split("/", 1)[1]: (i.external_attr >> 16) & 0o777 for i in infos}
        assert modes["request.sh"] == 0o755 and modes["README.md"] == 0o644
        assert archive.read(f"{curl.name}/request.sh").decode() == curl.files["request.sh"]


# -- writing and checking ------------------------------------------------------------------


def test_write_check_and_staleness_after_a_spec_change(tmp_path: Path, specs_copy: Path) -> None:
    need_template("python-openai")
    out = tmp_path / "kits"
    result = run("kit", "python", "--specs", str(specs_copy), "--out", str(out))
    assert result.exit_code == 0, result.output
    folder = out / "chat-completions-python-openai"
    assert json.loads((folder / KIT_MANIFEST).read_text()) == {
        "endpoint": "chat-completions",
        "language": "python",
        "locale": "en",
        "region": "intl",
        "samplegen": __version__,
        "variant": "openai",
    }
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = run("kit", "python", "--specs", str(specs_copy), "--out", str(out))
    assert again.exit_code == 0 and "0 written" in again.output
    assert snapshot == {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    fresh = run("kit", "--check", str(folder), "--specs", str(specs_copy))
    assert fresh.exit_code == 0, fresh.output
    assert f"up to date: {folder}" in fresh.output
    (folder / "node_modules").mkdir()  # what users add is not the kit's business
    (folder / "node_modules" / "x.js").write_text("x")

    spec = specs_copy / "chat-completions.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-max", 1))
    stale = run("kit", "--check", str(out), "--specs", str(specs_copy))
    assert stale.exit_code == 1, stale.output
    assert f"stale: {folder}\n  changed: main.py\n" in stale.output
    assert f"up to date: {out / 'text-generation-python-dashscope'}" in stale.output
    assert "x.js" not in stale.output


def test_check_names_missing_changed_mode_and_obsolete_files(tmp_path: Path) -> None:
    need_template("curl-curl")
    kit = render_kits(plan(ENDPOINTS, "curl", endpoint_ids=["chat-completions"]), ENDPOINTS)[0]
    write_kits([kit], tmp_path)
    folder = tmp_path / kit.name
    assert stat.S_IMODE((folder / "request.sh").stat().st_mode) == 0o755
    assert check_kit(folder, ENDPOINTS).fresh
    (folder / "README.md").unlink()
    (folder / ".gitignore").write_text("changed\n")
    (folder / "request.sh").chmod(0o644)
    status = check_kit(folder, ENDPOINTS)
    assert (status.missing, status.changed) == (["README.md"], [".gitignore", "request.sh"])
    manifest = (folder / ".samplegen-manifest").read_text()
    (folder / ".samplegen-manifest").write_text(manifest + "old.sh\n")
    (folder / "old.sh").write_text("echo\n")
    assert check_kit(folder, ENDPOINTS).obsolete == ["old.sh"]


def test_zip_kits_are_checked_too(tmp_path: Path, specs_copy: Path) -> None:
    need_template("curl-curl")
    tmp_path = tmp_path / "downloads"
    result = run("kit", "curl", "--zip", "--specs", str(specs_copy), "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    archives = sorted(p.name for p in tmp_path.iterdir())
    assert archives == ["chat-completions-curl.zip", "text-generation-curl.zip"]
    assert run("kit", "--check", str(tmp_path), "--specs", str(specs_copy)).exit_code == 0
    spec = specs_copy / "text-generation.yaml"
    spec.write_text(spec.read_text().replace("model: qwen-plus", "model: qwen-turbo", 1))
    stale = run("kit", "--check", str(tmp_path), "--specs", str(specs_copy))
    assert stale.exit_code == 1
    assert "stale: " + str(tmp_path / "text-generation-curl.zip") in stale.output
    assert "changed: request.sh" in stale.output


def test_check_of_a_folder_without_kits_is_bad_input(tmp_path: Path) -> None:
    result = run("kit", "--check", str(tmp_path))
    assert result.exit_code == 2 and "no kit here" in result.output
    (tmp_path / "k").mkdir()
    (tmp_path / "k" / KIT_MANIFEST).write_text("{not json")
    result = run("kit", "--check", str(tmp_path / "k"))
    assert result.exit_code == 2 and "not a samplegen kit manifest" in result.output


def test_check_when_the_endpoint_is_gone(tmp_path: Path, specs_copy: Path) -> None:
    need_template("curl-curl")
    assert run("kit", "curl", "--specs", str(specs_copy), "--out", str(tmp_path)).exit_code == 0
    (specs_copy / "text-generation.yaml").unlink()
    result = run("kit", "--check", str(tmp_path), "--specs", str(specs_copy))
    assert result.exit_code == 1
    assert "endpoint 'text-generation' is no longer in the specs" in result.output


def test_a_filter_refusing_a_value_is_a_template_error(specs_copy: Path) -> None:
    need_template("java-openai")
    for path in specs_copy.glob("[!_]*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        data["title"] = "bell \x07 here"
        path.write_text(yaml.safe_dump(data), "utf-8")
    try:
        endpoints = load_specs(specs_copy)
    except SamplegenError:
        pytest.skip("the spec loader already rejects control characters in titles")
    with pytest.raises(TemplateError) as info:
        render_kit(KitRequest("java", "openai", "chat-completions", "intl"), endpoints)
    assert "pom.xml.j2" in str(info.value) and "XML 1.0 forbids" in str(info.value)


# -- filters -------------------------------------------------------------------------------

NO_SURROGATES = st.text(st.characters(exclude_categories=("Cs",)))


@settings(max_examples=400)
@given(NO_SURROGATES)
def test_toml_string_round_trips(text: str) -> None:
    assert tomllib.loads(f"x = {kit_toml_str(text)}\n")["x"] == text


def test_toml_string_refuses_surrogates() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        kit_toml_str("a\ud800b")


XML_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)).filter(
        lambda c: c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff")
    )
)


@settings(max_examples=400)
@given(XML_TEXT)
def test_xml_text_round_trips_in_content_and_both_attribute_quotes(text: str) -> None:
    escaped = kit_xml_text(text)
    root = ET.fromstring(f"<a b=\"{escaped}\" c='{escaped}'>{escaped}</a>")
    assert (root.text or "", root.get("b"), root.get("c")) == (text, text, text)


@pytest.mark.parametrize("bad", ["\x00", "a\x07", "\ud800", "\uffff"])
def test_xml_text_refuses_what_xml_forbids(bad: str) -> None:
    with pytest.raises(ValueError, match=r"XML 1\.0 forbids"):
        kit_xml_text(bad)


def _md_expected(text: str) -> str:
    flat = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    from generator.render.filters.common import escape_unsafe

    return escape_unsafe(flat.strip(" "), "U+{:04X}")


MD_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r0123456789aZ")),
        st.characters(exclude_categories=("Cs", "Zs", "Zl", "Zp")),
    )
)


@settings(max_examples=500)
@given(MD_TEXT)
def test_markdown_text_is_inert_in_a_heading_and_a_paragraph(text: str) -> None:
    escaped = kit_md_text(text)
    assert "\n" not in escaped and "\r" not in escaped
    expected = _md_expected(text)
    md = MarkdownIt("commonmark")
    for source, opener in ((f"# {escaped}\n", "heading_open"), (f"{escaped}\n", "paragraph_open")):
        tokens = md.parse(source)
        if not expected:
            continue
        assert [t.type for t in tokens] == [opener, "inline", opener.replace("open", "close")]
        children = tokens[1].children or []
        assert {c.type for c in children} <= {"text", "text_special"}, source
        assert "".join(c.content for c in children) == expected


def test_identifier_filters() -> None:
    assert kit_identifier("DASHSCOPE_API_KEY") == "DASHSCOPE_API_KEY"
    with pytest.raises(ValueError):
        kit_identifier("A B")
    assert kit_pascal("chat-completions") == "ChatCompletions"
    assert kit_pascal("9lives") == "Sample9lives"
