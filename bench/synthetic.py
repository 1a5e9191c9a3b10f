"""Distinct synthetic specs for the scale curve: every one has its own id, title and body.

Each spec starts from one of the shipped specs that has a request body (so it stays valid
while the spec format evolves) and gets, from a seeded random generator, its own id and
title, new texts wherever a reader writes text in its body (messages, prompts, inputs,
queries, documents: a mix of ASCII, accented, CJK and quote-bearing words, of varied
lengths), its own upload file names, a different number of messages and, where the request
schema allows them, sampling parameters within the schema's bounds. No two specs have the
same request, so no cache keyed on content can flatter a measurement.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml

from generator.translations import source_hash

WORDS = (  # noqa: SIM905
    "weather forecast summary translate poem explain code review quarterly report "
    'résumé café naïve übersetzen 天气 翻译 総括 요약 "quoted" it\'s 50% {braces} $dollar '
    "back\\slash tab\tend path/to/file emoji🙂 long-word-with-hyphens"
).split(" ")
_TEXT_KEYS = {"content", "text", "prompt", "input", "query", "documents", "texts"}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(2, 24))
    return " ".join(words).capitalize() + rng.choice(("?", ".", "!"))


def _vary_texts(node: Any, rng: random.Random) -> Any:
    """``node`` with every text a reader writes (a string, or a list of strings, under a key
    such as content, prompt, input or documents) replaced."""
    if isinstance(node, dict):
        return {
            key: _new_text(value, rng) if key in _TEXT_KEYS else _vary_texts(value, rng)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_vary_texts(item, rng) for item in node]
    return node


def _new_text(value: Any, rng: random.Random) -> Any:
    """A new sentence for a string, new sentences for a list of strings; else recurse."""
    if isinstance(value, str):
        return _sentence(rng)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [_sentence(rng) for _ in value]
    return _vary_texts(value, rng)


def _vary_messages(messages: list[Any], rng: random.Random) -> list[Any]:
    """Some extra user/assistant turns (copies of the last message, with new texts)."""
    extra = rng.randint(0, 3)
    last = messages[-1]
    turns = [copy.deepcopy(last) for _ in range(extra)]
    for i, turn in enumerate(turns):
        if isinstance(turn, dict) and "role" in turn and isinstance(turn.get("content"), str):
            turn["role"] = "assistant" if i % 2 == 0 else "user"
    return messages + turns if extra % 2 == 0 else messages


def _number_in(schema: Any, low: float, high: float, rng: random.Random) -> float:
    """A number of two decimals that the property ``schema`` accepts, inside [low, high]."""
    low = max(low, schema.get("minimum", low), schema.get("exclusiveMinimum", low - 1) + 0.01)
    high = min(high, schema.get("maximum", high), schema.get("exclusiveMaximum", high + 1) - 0.01)
    return round(rng.uniform(low, high), 2)


def distinct_spec(base: dict[str, Any], index: int, seed: int = 14) -> dict[str, Any]:
    """Spec number ``index`` derived from the shipped spec ``base``."""
    rng = random.Random(f"{seed}-{index}")
    spec = copy.deepcopy(base)
    spec["id"] = f"{base['id']}-{index:05d}"
    spec["title"] = f"{base['title']} #{index}: {_sentence(rng)[:40].rstrip()}"
    for translation in (spec.get("translations") or {}).values():
        if isinstance(translation, dict) and "source" in translation:  # still up to date
            translation["source"] = source_hash(spec["title"], spec.get("description", ""))
    request = spec["request"]
    example = request["example"]
    holder = example.get("input", example) if isinstance(example, dict) else None
    if isinstance(holder, dict) and isinstance(holder.get("messages"), list):
        holder["messages"] = _vary_messages(holder["messages"], rng)
    request["example"] = _vary_texts(example, rng)
    for upload in request.get("files") or []:  # a multipart upload: its own file name
        if isinstance(upload, dict) and isinstance(upload.get("path"), str):
            upload["path"] = f"upload-{index:05d}-{upload['path']}"
    props = request.get("schema", {}).get("properties", {})
    if isinstance(request["example"], dict):
        if "temperature" in props and rng.random() < 0.5:
            request["example"]["temperature"] = _number_in(props["temperature"], 0, 2, rng)
        if "max_tokens" in props and rng.random() < 0.5:
            request["example"]["max_tokens"] = rng.randint(1, 4096)
    models = spec.get("models")
    if models and isinstance(request["example"], dict) and "model" in request["example"]:
        request["example"]["model"] = rng.choice(models)
    return spec


def write_distinct_specs(shipped: Path, folder: Path, count: int) -> list[Path]:
    """Write ``count`` distinct specs derived from the specs in ``shipped`` into ``folder``
    (those with texts in their request body to vary; a GET or DELETE without a body, or a
    body of ids only, is left out)."""
    loaded = [
        yaml.safe_load(path.read_text("utf-8")) for path in sorted(shipped.glob("[!_]*.yaml"))
    ]
    bases = [
        spec
        for spec in loaded
        if isinstance(example := spec.get("request", {}).get("example"), dict)
        and _vary_texts(example, random.Random(0)) != example  # it has texts to vary
    ]
    folder.mkdir(parents=True, exist_ok=True)
    if (shipped / "_api.yaml").is_file():  # what the shipped specs inherit
        (folder / "_api.yaml").write_bytes((shipped / "_api.yaml").read_bytes())
    paths = []
    for i in range(count):
        spec = distinct_spec(bases[i % len(bases)], i)
        path = folder / f"{spec['id']}.yaml"
        text = yaml.dump(spec, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths
