"""Reading OpenAPI document files: JSON values whatever YAML 1.1 would make of them, lines
for errors, and located errors for what cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.sources.openapi import text


def _parse(tmp_path: Path, body: str, name: str = "doc.yaml") -> object:
    path = tmp_path / name
    path.write_text(body, "utf-8")
    return text.parse(path.read_bytes(), path)


def test_values_are_json_as_yaml_1_2_reads_them(tmp_path: Path) -> None:
    data = _parse(
        tmp_path,
        "date: 2024-01-01\nswitch: on\nno: no\ntime: 1:30\nint: 0x1F\noct: 0o17\n"
        "float: 1e3\nneg: -2.5\nnull1: ~\nnull2:\nbool: True\nbig: 9007199254740993\n"
        "200: ok\nversion: 1.10\n",
    )
    assert data == {
        "date": "2024-01-01",
        "switch": "on",
        "no": "no",
        "time": "1:30",
        "int": 31,
        "oct": 15,
        "float": 1000.0,
        "neg": -2.5,
        "null1": None,
        "null2": None,
        "bool": True,
        "big": 9007199254740993,
        "200": "ok",
        "version": 1.1,
    }


def test_json_files_are_read_as_json(tmp_path: Path) -> None:
    assert _parse(tmp_path, '{"a": [1, 2.5, "2024-01-01", NaN]}', "doc.json") == {
        "a": [1, 2.5, "2024-01-01", "NaN"]
    }


def test_anchors_and_merge_keys_are_values(tmp_path: Path) -> None:
    data = _parse(tmp_path, "base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n")
    assert data == {"base": {"x": 1}, "use": {"x": 1}, "merged": {"x": 1, "y": 2}}


def test_an_alias_bomb_is_a_located_error_not_a_hang(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(text, "MAX_VALUES", 1000)
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdef"):
        prev = "abcdef"[i]
        rows.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    with pytest.raises(SpecError, match="more than 1000 values") as caught:
        _parse(tmp_path, "\n".join(rows) + "\n")
    assert caught.value.path is not None


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        ("a: 1\nb: [1, 2\n", "YAML syntax error", 3),
        ("a: !custom 1\n", "the YAML tag !custom is not allowed", 1),
        ("? [1, 2]\n: x\n", "mapping keys must be text", 1),
    ],
)
def test_unreadable_yaml_is_located(tmp_path: Path, body: str, message: str, line: int) -> None:
    with pytest.raises(SpecError, match=message.replace("!", "!")) as caught:
        _parse(tmp_path, body)
    assert caught.value.line == line
    assert str(caught.value.path).endswith("doc.yaml")


def test_a_json_syntax_error_names_its_line(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="JSON syntax error") as caught:
        _parse(tmp_path, '{\n  "a": 1,\n  "b": \n}\n', "doc.json")
    assert caught.value.line == 4


def test_lines_of_keys(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{\n  "paths": {\n    "/a": {\n      "get": {}\n    }\n  }\n}\n', "utf-8")
    lines = text.lines_of(path.read_bytes(), path)
    assert text.line_for(lines, ("paths", "/a", "get", "responses")) == 4
