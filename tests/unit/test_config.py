"""The project config: found by walking up, paths relative to it, flags override it, and an
unknown key or a wrong value is one located error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from generator.cli.main import main
from generator.config import Config, ConfigError, find_config, key_line, load_config
from tests.conftest import TEMPLATES, copy_specs


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with one spec, and the current folder set to it."""
    copy_specs(tmp_path / "specs", "chat-completions.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAMPLEGEN_CONFIG", raising=False)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# -- discovery --------------------------------------------------------------------------


def test_the_nearest_config_upwards_is_found(project: Path) -> None:
    (project / "samplegen.toml").write_text('specs = "specs"\n')
    deep = project / "docs" / "guide"
    deep.mkdir(parents=True)
    assert find_config(deep) == project / "samplegen.toml"


def test_a_pyproject_counts_only_with_a_tool_samplegen_table(project: Path) -> None:
    (project / "samplegen.toml").write_text('output = "samples"\n')
    inner = project / "package"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(inner) == project / "samplegen.toml"
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.samplegen]\n')
    assert find_config(inner) == inner / "pyproject.toml"


def test_samplegen_toml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.samplegen]\noutput = "a"\n')
    (project / "samplegen.toml").write_text('output = "b"\n')
    assert load_config().output == Path("b")


def test_no_config_is_the_empty_config(project: Path) -> None:
    assert load_config() == Config()


def test_paths_are_relative_to_the_config_file(project: Path, monkeypatch) -> None:
    (project / "samplegen.toml").write_text(
        'specs = "specs"\noutput = "out/samples"\ndocs = ["docs", "README.md"]\n'
    )
    sub = project / "docs"
    sub.mkdir()
    monkeypatch.chdir(sub)
    config = load_config()
    assert config.specs == Path("..").resolve() / "specs"
    assert config.output == project.resolve() / "out" / "samples"
    assert config.docs == (Path("."), project.resolve() / "README.md")


def test_the_pyproject_table_is_read(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "docs"\n\n[tool.samplegen]\nlanguages = ["curl", "go"]\nregions = []\n'
    )
    config = load_config()
    assert config.languages == ("curl", "go") and config.regions == ()


# -- errors with file:line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('specs = "specs"\n\nspces = "x"\n', 3, 'unknown key "spces"; did you mean specs?'),
        ('specs = "specs"\n[paths]\nout = "x"\n', 2, 'unknown key "paths"'),
        (
            '# a comment\nlanguages = "python"\n',
            2,
            'languages must be a list of texts in quotes (e.g. ["python", "curl"]), not "python"',
        ),
        ("output = 3\n", 1, 'output must be a path in quotes (e.g. "site/samples"), not 3'),
        ('languages = ["python", "cobol"]\n', 1, "languages: unknown language 'cobol'"),
        ('variants = ["python-soap"]\n', 1, "variants: unknown sample variant 'python-soap'"),
        ('locales = ["fr"]\n', 1, "locales: unknown locale 'fr'"),
        ('docs_system = "hugo"\n', 1, "docs_system must be one of mkdocs, docusaurus, sphinx"),
        ('\ntemplate_overrides = "mine"\n', 2, "template_overrides: there is no folder mine"),
        ('specs = "specs"\noutput = \n', 2, "not valid TOML"),
    ],
)
def test_a_bad_config_is_one_located_error(
    project: Path, text: str, line: int, message: str
) -> None:
    (project / "samplegen.toml").write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config()
    assert str(raised.value).startswith(f"samplegen.toml:{line}: {message}")
    result = run("generate")
    assert result.exit_code == 2
    assert result.output.startswith(f"error: samplegen.toml:{line}: {message}")
    assert result.output.count("\n") == 1
    assert not (project / "output").exists()


def test_an_unknown_key_in_the_pyproject_table_names_its_line(project: Path) -> None:
    text = '[project]\nname = "x"\nspces = "ok here"\n\n[tool.samplegen]\nspecs = "s"\nspces = 1\n'
    (project / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError, match=r'pyproject.toml:7: unknown key "spces"'):
        load_config()


keys = st.sampled_from(["specs", "output", "docs", "languages", "other_key", "x-y"])
noise = st.sampled_from(["", "# comment", "   ", "[other]", 'other = "specs = 1"'])


@given(st.lists(st.tuples(noise, keys), min_size=1, max_size=8, unique_by=lambda t: t[1]))
def test_key_line_finds_each_top_level_key(entries: list[tuple[str, str]]) -> None:
    lines: list[str] = []
    where = {}
    for filler, key in entries:
        if filler.startswith("["):
            continue  # a table ends the top level; keep every key top-level
        lines.append(filler)
        lines.append(f"{key} = 1")
        where[key] = len(lines)
    text = "\n".join(lines) + "\n"
    for key, line in where.items():
        assert key_line(text, key) == line


# -- the CLI reads it, flags override it ------------------------------------------------


def test_commands_take_their_defaults_from_the_config(project: Path, monkeypatch) -> None:
    (project / "samplegen.toml").write_text(
        'output = "site/samples"\nlanguages = ["curl"]\nregions = []\nlocales = ["ja"]\n'
    )
    sub = project / "site"
    sub.mkdir()
    monkeypatch.chdir(sub)  # found by walking up, paths relative to the file
    result = run("generate")
    assert result.exit_code == 0, result.output
    written = sorted(
        p.relative_to(project / "site" / "samples").as_posix()
        for p in (project / "site" / "samples").rglob("*.sh")
    )
    assert written == [
        "chat-completions/curl/curl/request.sh",
        "locales/ja/chat-completions/curl/curl/request.sh",
    ]
    assert run("check").exit_code == 0


def test_flags_override_the_config(project: Path) -> None:
    (project / "samplegen.toml").write_text('specs = "missing"\nlanguages = ["curl"]\n')
    result = run("generate", "--specs", "specs", "--out", "elsewhere", "--lang", "go")
    assert result.exit_code == 0, result.output
    assert {p.name for p in (project / "elsewhere" / "chat-completions").iterdir()} == {"go"}


def test_sync_and_audit_use_the_configured_docs_paths(project: Path) -> None:
    (project / "samplegen.toml").write_text('docs = ["pages"]\n')
    (project / "pages").mkdir()
    page = project / "pages" / "api.md"
    page.write_text("<!-- samplegen: chat-completions curl -->\n<!-- /samplegen -->\n")
    stale = run("sync", "--check")
    assert stale.exit_code == 1
    assert stale.output.splitlines()[0].endswith("run: samplegen sync")
    assert run("sync").exit_code == 0 and "```bash" in page.read_text()
    assert run("sync", "--check").exit_code == 0
    assert run("audit").exit_code == 0


def test_sync_without_paths_or_docs_config_is_an_error(project: Path) -> None:
    result = run("sync", "--check")
    assert result.exit_code == 2
    assert "no PATHS given and no docs paths in the project config" in result.output


def test_a_template_override_shadows_the_packaged_template(project: Path) -> None:
    overrides = project / "my-templates" / "curl" / "curl"
    overrides.mkdir(parents=True)
    original = (TEMPLATES / "curl" / "curl" / "request.sh.j2").read_text()
    (overrides / "request.sh.j2").write_text(original + "# reviewed by the docs team\n")
    (project / "samplegen.toml").write_text(
        'template_overrides = "my-templates"\nlanguages = ["curl", "go"]\n'
    )
    assert run("generate").exit_code == 0
    curl = (project / "output" / "chat-completions" / "curl" / "curl" / "request.sh").read_text()
    go = (project / "output" / "chat-completions" / "go" / "nethttp" / "main.go").read_text()
    assert curl.endswith("# reviewed by the docs team\n")
    assert "reviewed" not in go  # every other template is still the packaged one


def test_an_error_in_an_override_names_the_override_file(project: Path) -> None:
    overrides = project / "my-templates" / "curl" / "curl"
    overrides.mkdir(parents=True)
    (overrides / "request.sh.j2").write_text("#!/usr/bin/env bash\n{{ no_such_name }}\n")
    (project / "samplegen.toml").write_text('template_overrides = "my-templates"\n')
    result = run("generate")
    assert result.exit_code == 2
    assert result.output.startswith(
        "error: my-templates/curl/curl/request.sh.j2:2: rendering chat-completions"
    ), result.output
    assert not (project / "output").exists()
