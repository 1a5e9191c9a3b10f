"""Static audit rules that need no run: human languages, options set twice, header values,
keys advised into code, and sentences that say an SDK does not exist."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.docs.languages import comments, language_from_name
from generator.render.registry import NATIVE, OPENAI, VARIANTS, language

JA, ZH, EN = "ja", "zh", "en"
LANGUAGE_NAMES = {JA: "Japanese", ZH: "Chinese", EN: "English"}

_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_URL = re.compile(r"https?://\S+")
_HEADER_VALUE = re.compile(r"^(?:Authorization|Content-Type|Accept)\s*:", re.I)
_CS_INTERPOLATED = re.compile(r'\$@?"((?:[^"\\]|\\.)*)"')
_WORD = re.compile(r"^[A-Za-z][a-z]+[.,:;!?']*$|^[A-Z]{2,}[.,:;!?]*$|^(?:a|I|an)$")


@dataclass(frozen=True)
class Note:
    """A static finding inside one sample, at a 0-based line of the sample."""

    line: int
    rule: str
    severity: str
    message: str
    spec: str
    page: str
    evidence: str = ""


def text_language(text: str) -> str | None:
    """The human language of a comment or message: ja (kana), zh (Han only), en, or None.

    English needs two or more words (a lone "Error:" label tells nothing); URLs do not count.
    """
    if _KANA.search(text):
        return JA
    if _HAN.search(text):
        return ZH
    words = [w for w in _URL.sub(" ", text).split() if _WORD.match(w)]
    return EN if len(words) >= 2 else None


def page_language(prose: Iterable[str]) -> str | None:
    """The page's language from its prose lines: Japanese or Chinese when they write it."""
    text = "\n".join(prose)
    kana, han = len(_KANA.findall(text)), len(_HAN.findall(text))
    if kana >= 20:
        return JA
    if han >= 20:
        return ZH
    return EN if re.search(r"[A-Za-z]{3,}", text) else None


def _leaf_strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for inner in value.values():
            yield from _leaf_strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaf_strings(inner)
    elif isinstance(value, str):
        yield value


def human_texts(
    language_key: str, code: str, strings: Iterable[tuple[str, int]], request_example: Any
) -> list[tuple[int, str, str]]:
    """Comments and message strings of a sample as (line, kind, text).

    Strings the request sends (the spec's example values), JSON bodies, URLs and header
    values are data, not messages, and are left out.
    """
    data = set(_leaf_strings(request_example))
    found = [(line, "comment", text) for line, text in comments(language_key, code)]
    if language_key == "csharp":  # interpolated strings are not string literals to the grammar
        for number, line in enumerate(code.split("\n")):
            strings = [*strings, *((m, number) for m in _CS_INTERPOLATED.findall(line))]
    for text, line in strings:
        stripped = text.strip()
        if (
            not stripped
            or stripped in data
            or stripped.startswith(("{", "[", "<"))
            or "://" in stripped
            or _HEADER_VALUE.match(stripped)
        ):
            continue
        found.append((line, "message", stripped))
    return sorted(found)


def mixed_language(
    page_lang: str | None, texts: list[tuple[int, str, str]], base: int = 1
) -> Note | None:
    """A note when the sample's comments or messages are in another language than the page."""
    if page_lang is None:
        return None
    other = [(line, kind, text) for line, kind, text in texts if _differs(page_lang, text)]
    if not other:
        return None
    line, _kind, text = other[0]
    langs = sorted({LANGUAGE_NAMES[text_language(t) or EN] for _, _, t in other})
    kinds = sorted({k + "s" for _, k, _ in other})
    evidence = "\n".join(f"line {base + ln}: {k}: {t[:120]}" for ln, k, t in other)
    return Note(
        line,
        "mixed-language",
        "warning",
        f"{' and '.join(kinds)} in {', '.join(langs)} on a {LANGUAGE_NAMES[page_lang]} page",
        f"{LANGUAGE_NAMES[page_lang]}, like the page",
        text[:120],
        evidence,
    )


def _differs(page_lang: str, text: str) -> bool:
    found = text_language(text)
    return found is not None and found != page_lang


# Options and headers a sample sets: the same one twice is a slip (the second wins).
_SETTINGS: dict[str, re.Pattern[str]] = {
    "php": re.compile(r"curl_setopt\(\s*(\$\w+)\s*,\s*(CURLOPT_\w+)"),
    "java": re.compile(r"setRequestProperty\(\s*\"([^\"]+)\""),
    "go": re.compile(r"(\w+)\.Header\.Set\(\s*\"([^\"]+)\""),  # per request: req, poll
    "curl": re.compile(r"(?:-H|--header)\s+[\"']([A-Za-z0-9-]+):"),
    "csharp": re.compile(r"DefaultRequestHeaders\.Add\(\s*\"([^\"]+)\""),
}
# Where a new request starts, so that its options are its own (a task's poll sets the key too).
_NEW_REQUEST: dict[str, re.Pattern[str]] = {"curl": re.compile(r"(?:^|[\s$(`|;&])curl\s")}


def options_set_twice(language_key: str, code_lines: list[str], base: int = 1) -> list[Note]:
    """The same curl option or request header set twice in one request of a sample."""
    pattern = _SETTINGS.get(language_key)
    if pattern is None:
        return []
    starts = _NEW_REQUEST.get(language_key)
    seen: dict[str, int] = {}
    notes = []
    for number, line in enumerate(code_lines):
        if starts is not None and starts.search(line):
            seen = {}
        for match in pattern.finditer(line):
            name = match.group(match.lastindex or 1)
            key = ":".join(match.groups()).lower()
            if key in seen:
                notes.append(
                    Note(
                        number,
                        "duplicate-option",
                        "warning",
                        f"{name} is set twice (first on line {base + seen[key]}), "
                        "so one of the two lines is redundant or wrong",
                        "set each option once",
                        line.strip(),
                    )
                )
            else:
                seen[key] = number
    return notes


_CONTENT_TYPE = re.compile(r"Content-Type[\"']?\s*(?:,|:|=>)\s*[\"']?([^\"'\n]+)", re.IGNORECASE)


def malformed_headers(code_lines: list[str]) -> list[Note]:
    """A Content-Type whose parameter has no name (``application/json; utf-8``)."""
    notes = []
    for number, line in enumerate(code_lines):
        for match in _CONTENT_TYPE.finditer(line):
            value = match.group(1).strip().rstrip(")")
            params = [p.strip() for p in value.split(";")[1:]]
            bad = [p for p in params if p and "=" not in p]
            if bad:
                media = value.split(";")[0].strip()
                notes.append(
                    Note(
                        number,
                        "malformed-header",
                        "warning",
                        f"the Content-Type {value!r} has a parameter without a name "
                        f"({bad[0]!r}); servers may reject or ignore it",
                        f"{media}; charset={bad[0]}" if "utf" in bad[0].lower() else media,
                        value,
                    )
                )
    return notes


_KEY_ADVICE = re.compile(r"[\"']?\bsk-(?:x{3,}|\.{3}|\*{3,})[\"']?", re.IGNORECASE)


def key_advice(comment_lines: list[tuple[int, str]], env: str) -> list[Note]:
    """Comments telling the reader to write the key into the code (``api_key="sk-xxx"``)."""
    for line, text in comment_lines:
        if _KEY_ADVICE.search(text) and re.search(r"[=(:]\s*[\"']?sk-|\bsk-x", text):
            return [
                Note(
                    line,
                    "key-in-code-advice",
                    "info",
                    "a comment tells readers to write the API key into the code, where it "
                    "ends up in files, shells' history and commits",
                    f"keep the key in {env} (set it in the shell, a .env file or a secret store)",
                    text.strip()[:160],
                )
            ]
    return []


_PROSE_KEY = re.compile(r"(?<![\w-])sk-(?:x{3,}|\.{3}|\*{3,})(?![\w-])", re.IGNORECASE)


def prose_key_advice(line: str) -> bool:
    """Whether a line of prose hands the reader a placeholder key to paste (``sk-xxx``)."""
    return bool(_PROSE_KEY.search(line))


# "X does not provide a Java SDK" in English, Japanese and Chinese.
_CLAIMS = (
    re.compile(
        r"(?P<who>OpenAI|DashScope)\s+(?:does not|doesn't|do not)\s+(?:provide|offer|have)"
        r"\s+(?:an?\s+)?(?P<lang>[\w.#+]+)\s+SDK",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<who>OpenAI|DashScope)\s*は\s*(?P<lang>[\w.#+]+)\s*(?:環境用の|用の|の)?\s*"
        r"SDK\s*を提供していません"
    ),
    re.compile(
        r"(?P<who>OpenAI|DashScope)\s*(?:不提供|没有提供|未提供)\s*(?P<lang>[\w.#+]+)\s*SDK"
    ),
    re.compile(
        r"(?:no|there is no)\s+(?P<lang>[\w.#+]+)\s+SDK\s+(?:for|from)\s+(?P<who>OpenAI|DashScope)",
        re.IGNORECASE,
    ),
)
_STYLE_OF = {"openai": OPENAI, "dashscope": NATIVE}


def no_sdk_claims(lines: list[str]) -> list[tuple[int, str, str, str]]:
    """Sentences that say an API family has no SDK for a language samplegen has one for.

    Returns (0-based line, language key, the SDK sample's name, the sentence).
    """
    found = []
    for number, line in enumerate(lines):
        for pattern in _CLAIMS:
            match = pattern.search(line)
            if not match:
                continue
            lang = language_from_name(match["lang"])
            style = _STYLE_OF[match["who"].lower()]
            if lang is None:
                continue
            sdks = [v for v in VARIANTS if v.language == lang and "SDK" in v.label]
            sdks = [v for v in sdks if v.supports(style)]
            if sdks:
                found.append((number, lang, sdks[0].name, match.group().strip()))
            break
    return found


def claim_message(lang: str, who: str) -> str:
    """The message of a no-SDK-claim finding."""
    return f"the page says there is no {language(lang).label} SDK, but {who} exists"


_KEY_CHECK = re.compile(r"IsNullOrEmpty\(|==\s*null|\bempty\(|\bis None\b|\bnot \w*key\b|-z\s")


def missing_key_exit(language_key: str, code_lines: list[str]) -> list[Note]:
    """A missing-key check that ends the program with ``return;`` from Main: exit status 0."""
    if language_key != "csharp":
        return []
    for number, line in enumerate(code_lines):
        if not _KEY_CHECK.search(line):
            continue
        window = code_lines[number + 1 : number + 6]
        for offset, inner in enumerate(window, 1):
            if re.match(r"^\s*return\s*;", inner):
                said = " ".join(window[:offset])
                where = "stdout" if "Console.WriteLine" in said else "the console"
                return [
                    Note(
                        number + offset,
                        "missing-key-exit-zero",
                        "warning",
                        f"when the key is missing it prints to {where} and returns from Main: "
                        "exit status 0",
                        "write to stderr (Console.Error) and return a non-zero exit code",
                        inner.strip(),
                    )
                ]
    return []
