"""How `audit --run` names, reads and adapts pasted blocks (no process is run here)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.docs.audit.judge import shows, tail
from generator.docs.audit.run import dotnet_console_source, file_name, java_imports, node_imports


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("java", "import java.net.URL;\npublic class Demo {\n}\n", "Demo.java"),
        ("java", "class Helper {}\npublic final class App {}\n", "App.java"),
        ("java", "class NoPublic {}\n", "Main.java"),
        ("node", 'import OpenAI from "openai";\n', "index.mjs"),
        ("node", "import { readFile } from 'node:fs';\n", "index.mjs"),
        ("node", "const fetch = require('node-fetch');\nimport('x');\n", "index.js"),
        ("csharp", "class Program {}\n", "Program.cs"),
        ("go", "package main\n", "main.go"),
        ("curl", "curl https://x\n", "request.sh"),
    ],
)
def test_a_block_is_pasted_into_the_file_its_language_expects(language, code, name):
    assert file_name(language, code) == name


def test_third_party_imports_are_told_from_the_standard_library():
    java = "import java.io.InputStream;\nimport com.google.gson.Gson;\nimport javax.net.ssl.*;\n"
    assert java_imports(java) == [("com.google.gson.Gson", 1)]
    node = (
        "import fetch from 'node-fetch';\nimport fs from 'fs';\n"
        "const x = require('@scope/pkg/sub');\nimport './local.mjs';\n"
    )
    assert node_imports(node) == [("node-fetch", 0), ("@scope/pkg", 2)]


def test_csharp_is_adapted_as_a_dotnet_console_project_builds_it():
    code = "using System.Text;\nclass P {\n  string? a; int? b; List<string?>? c;\n}\n"
    adapted = dotnet_console_source(code)
    first, *rest = adapted.split("\n")
    assert first.startswith("using System; ") and first.endswith("using System.Text;")
    assert "using System.Net.Http;" in first and "using System.Threading.Tasks;" in first
    assert rest[1] == "  string a; int? b; List<string> c;"  # value types keep their ?


@given(st.lists(st.text(alphabet="abc ?;{}\t\"'", max_size=30), max_size=20))
def test_adapting_csharp_keeps_every_line_where_the_page_has_it(lines: list[str]):
    code = "\n".join(lines)
    assert dotnet_console_source(code).count("\n") == code.count("\n")


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_a_message_is_shown_raw_or_escaped_in_json(message: str):
    import json

    assert shows(f"error: {message}\n", message)
    assert shows(json.dumps({"error": {"message": message}}), message)


def test_a_long_output_keeps_its_first_error_line_and_its_end():
    output = "\n".join(["a", "b", "c", "d", "Error [ERR_MODULE_NOT_FOUND]: no node-fetch", "e"])
    output += "\n" + "\n".join(f"    at frame {i}" for i in range(20))
    kept = tail(output, 5)
    assert kept[:4] == ["a", "b", "c", "Error [ERR_MODULE_NOT_FOUND]: no node-fetch"]
    assert kept[4] == "... (17 lines)" and kept[-1] == "    at frame 19"
