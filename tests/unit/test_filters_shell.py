"""Shell quoting: a single-quoted word is inert in bash, whatever the text holds."""

from __future__ import annotations

import json
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.filters.shell import sh_json, sh_single

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
