"""Shell quoting: a single-quoted word is inert in bash, whatever the text holds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.filters.shell import sh_jq_path, sh_jq_text, sh_json, sh_single

# bash words cannot carry NUL; everything else must survive.
shell_text = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


@settings(max_examples=60, deadline=None)
@given(st.lists(shell_text, min_size=1, max_size=20))
def test_sh_single_round_trips_through_bash(texts: list[str]) -> None:
    script = "".join(f"printf '%s\\0' {sh_single(t)}\n" for t in texts)
    out = subprocess.run(["bash", "-c", script], capture_output=True, check=True).stdout
    assert out.decode("utf-8", "surrogateescape").split("\0")[:-1] == texts


def test_hostile_values_are_inert(tmp_path) -> None:
    marker = tmp_path / "pwned"
    hostile = [f"$(touch {marker})", f"`touch {marker}`", f"'; touch {marker}; '", "${HOME}", "\\"]
    script = "".join(f"printf '%s\\n' {sh_single(t)}\n" for t in hostile)
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == hostile
    assert not marker.exists()


def test_sh_json_is_one_word_holding_the_json() -> None:
    body = {"q": "it's $HOME `x`", "n": [1, 2.5, None, True]}
    out = subprocess.run(
        ["bash", "-c", f"printf '%s' {sh_json(body)}"], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == body


def _jq() -> str:
    path = shutil.which("jq")
    if path is None:
        pytest.skip("SKIPPED: jq is not installed (apt-get install jq)")
    return path


def nest(path: list[str | int], leaf: object) -> object:
    """A JSON document holding ``leaf`` at ``path`` (other list slots are None)."""
    for part in reversed(path):
        leaf = [None] * part + [leaf] if isinstance(part, int) else {part: leaf}
    return leaf


# jq reads JSON text; lone surrogates are not text, so they cannot be keys.
jq_keys = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
jq_paths = st.lists(
    jq_keys
    | st.sampled_from(["if", "and", "end", "__loc__", "a b", "\\(x)", "$x", "'"])
    | st.integers(min_value=0, max_value=3),
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(jq_paths, jq_keys)
def test_sh_jq_text_prints_the_text_at_the_path_through_bash_and_jq(
    path: list[str | int], piece: str
) -> None:
    """The program is one shell word that jq runs to print exactly the piece."""
    _jq()
    document = json.dumps(nest(path, piece))
    script = f'jq --join-output {sh_jq_text(path)} <<<"$DOC"'
    out = subprocess.run(
        ["bash", "-c", script],
        env={"DOC": document, "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
        capture_output=True,
        check=True,
    ).stdout
    assert out.decode("utf-8") == piece


def test_sh_jq_text_prints_nothing_for_a_missing_or_null_piece() -> None:
    jq = _jq()
    program = sh_jq_path(["choices", 0, "delta", "content"]) + " // empty"
    for doc in ('{"choices":[{"delta":{}}]}', '{"choices":[{"delta":{"content":null}}]}'):
        out = subprocess.run(
            [jq, "--join-output", program], input=doc, capture_output=True, text=True
        )
        assert out.returncode == 0 and out.stdout == ""


def test_sh_jq_path_examples() -> None:
    assert sh_jq_path(["choices", 0, "delta", "content"]) == ".choices[0].delta.content"
    assert sh_jq_path(["output", "if", "a b"]) == '.output["if"]["a b"]'
    assert sh_jq_path([0, "x"]) == ".[0].x"
    assert sh_jq_path([]) == "."
    assert sh_jq_path(["\\(1)"]) == '.["\\\\(1)"]'
    assert sh_jq_text(["it's"]) == "'.[\"it'\\''s\"] // empty'"
    with pytest.raises(TypeError):
        sh_jq_path(["a", None])
