"""Comment locales: catalogs cover every template message, and no sample mixes languages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator.i18n import LOCALES, catalog_path
from generator.render.samples import render_all
from generator.sources import load_specs
from tests.conftest import ROOT, SPECS, TEMPLATES

CATALOG_DIR = ROOT / "generator"
OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def template_messages() -> set[str]:
    """Every _() text in the templates, as Babel's extractor sees it."""
    found = extract_from_dir(
        str(TEMPLATES),
        method_map=[("**.j2", "jinja2")],
        options_map={"**.j2": OPTIONS},
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def catalog(locale: str):
    with (CATALOG_DIR / catalog_path(locale)).open("rb") as handle:
        return read_po(handle)


TRANSLATED = [loc for loc, folder in LOCALES.items() if folder]


def test_the_pot_template_is_up_to_date() -> None:
    pot = read_po(io.BytesIO((CATALOG_DIR / "locales" / "samplegen.pot").read_bytes()))
    assert {m.id for m in pot if m.id} == template_messages(), "run: make messages"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_is_translated_in_every_catalog(locale: str) -> None:
    entries = {m.id: m for m in catalog(locale) if m.id}
    missing = sorted(template_messages() - set(entries))
    assert not missing, f"{locale}: not in the catalog (run: make messages): {missing}"
    untranslated = sorted(k for k, m in entries.items() if not m.string or m.fuzzy)
    assert not untranslated, f"{locale}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_placeholders_survive_translation(locale: str) -> None:
    for message in catalog(locale):
        if message.id:
            assert set(re.findall(r"%\(\w+\)s", message.string)) == set(
                re.findall(r"%\(\w+\)s", message.id)
            ), message.id


# Letters that only appear in Japanese (kana) or in Latin prose; the Chinese catalog must use
# neither kana nor English sentences, the Japanese one no English sentences.
KANA = re.compile(r"[\u3040-\u30ff]")
ENGLISH_PROSE = re.compile(r"(?<![\w./-])(?:the|your|and|with|from|set|read|print)\s+[a-z]", re.I)


def _comments_and_messages(text: str) -> str:
    """The human-language parts of a sample: comment text and quoted strings."""
    parts = re.findall(r"(?://|#|/\*|\*)\s?(.*)$", text, flags=re.M)
    parts += re.findall(r'"([^"\n]*)"', text)
    return "\n".join(parts)


def _data_texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _data_texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _data_texts(v)]
    return []


def _without_data(prose: str, endpoint) -> str:
    texts = _data_texts(endpoint.request_example)
    texts += [f.example for f in endpoint.files if f.example is not None]
    texts += [p.text for p in endpoint.parameters]
    for text in sorted(texts, key=len, reverse=True):
        prose = prose.replace(text, "")
    words = {w for text in texts for w in re.findall(r"[a-z]+", text.lower())}
    kept = []
    for line in prose.splitlines():
        line_words = re.findall(r"[a-z]+", line.lower())
        if len(line_words) >= 2 and sum(w in words for w in line_words) >= 0.8 * len(line_words):
            continue  # a piece of an example value
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_samples_in_a_locale_do_not_mix_human_languages(locale: str) -> None:
    samples = render_all(load_specs(SPECS), locale=locale)
    for sample in samples:
        # The request's example values (prompts, documents, file contents) are data from the
        # spec, not sample prose: left out, also where a formatter split them over lines.
        prose = _without_data(_comments_and_messages(sample.text), sample.endpoint)
        assert not ENGLISH_PROSE.search(prose), (
            f"{sample.relpath} ({locale}) has English prose: "
            f"{ENGLISH_PROSE.search(prose).group()!r}"
        )
        if locale == "zh":
            assert not KANA.search(prose), f"{sample.relpath} (zh) has Japanese kana"


def test_english_samples_have_no_cjk_prose() -> None:
    for sample in render_all(load_specs(SPECS)):
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", sample.text), sample.relpath


def test_an_unknown_locale_is_an_error_listing_the_known_ones() -> None:
    from generator.errors import SamplegenError

    with pytest.raises(SamplegenError, match=r"unknown locale 'fr' \(known: en, ja, zh\)"):
        render_all(load_specs(SPECS), locale="fr")


def test_catalog_files_are_shipped_with_the_package() -> None:
    for locale in TRANSLATED:
        assert Path(CATALOG_DIR / catalog_path(locale)).is_file()
