"""The description bench's helpers (bench/documents.py): the documents of its scale curve
are real documents of exactly the operations asked for, which samplegen imports whole; the
peer is asked for the very operations samplegen imported; OpenAI's document is measured
only when the environment names it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from documents import (  # noqa: E402
    MAX_PAIRS,
    derived_document,
    document_operations,
    documents,
    extra_pairs,
    imported_operations,
    interleaved,
    operation_of,
    passes_per_round,
)

from generator.sources import load_specs  # noqa: E402

DOCUMENT = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1"},
    "servers": [{"url": "https://pets.example.com/v1"}],
    "paths": {
        "/pets": {
            "get": {"operationId": "listPets", "responses": {"200": {"description": "ok"}}},
            "post": {
                "operationId": "createPet",
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/Pet"},
                            "example": {"name": "Rex"},
                        }
                    }
                },
                "responses": {"201": {"description": "made"}},
            },
        },
        "/pets/{id}": {
            "parameters": [
                {
                    "name": "id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer"},
                    "example": 7,
                }
            ],
            "get": {"operationId": "getPet", "responses": {"200": {"description": "ok"}}},
        },
    },
    "components": {
        "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}
    },
}


def test_a_smaller_count_keeps_the_first_operations() -> None:
    derived = derived_document(DOCUMENT, 2)
    assert document_operations(derived) == [("/pets", "get"), ("/pets", "post")]
    assert derived["components"] is DOCUMENT["components"]


def test_a_larger_count_copies_operations_under_new_paths_with_their_own_ids() -> None:
    derived = derived_document(DOCUMENT, 7)
    ops = document_operations(derived)
    assert len(ops) == len(set(ops)) == 7
    assert ops[3:6] == [
        ("/copy1/pets", "get"),
        ("/copy1/pets", "post"),
        ("/copy1/pets/{id}", "get"),
    ]
    assert derived["paths"]["/copy1/pets/{id}"]["parameters"][0]["name"] == "id"
    assert derived["paths"]["/copy2/pets"]["get"]["operationId"] == "listPets-copy2"
    assert DOCUMENT["paths"]["/pets"]["get"]["operationId"] == "listPets", "source changed"


def test_samplegen_imports_every_operation_of_a_derived_document(tmp_path: Path) -> None:
    path = tmp_path / "derived.json"
    path.write_text(json.dumps(derived_document(DOCUMENT, 10)))
    endpoints = load_specs(path)
    assert len(endpoints) == len({e.id for e in endpoints}) == 10


def test_the_peer_is_asked_for_the_operations_samplegen_imported(tmp_path: Path) -> None:
    path = tmp_path / "pets.json"
    path.write_text(json.dumps(DOCUMENT))
    endpoints, ops, document = imported_operations(path)
    assert ops == [("/pets", "get"), ("/pets", "post"), ("/pets/{id}", "get")]
    assert [e.method for e in endpoints] == ["GET", "POST", "GET"]
    assert document == DOCUMENT


def test_an_operation_label_gives_the_documents_path_and_method() -> None:
    assert operation_of("POST /pets/{id} (createPet)") == ("/pets/{id}", "post")
    assert operation_of("GET /") == ("/", "get")
    with pytest.raises(ValueError):
        operation_of("nothing")


def test_openais_document_is_measured_only_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "api"
    (corpus / "github.com").mkdir(parents=True)
    (corpus / "github.com" / "api.github.com.json").write_text("{}")
    monkeypatch.delenv("SAMPLEGEN_OPENAI_DOC", raising=False)
    assert list(documents(corpus)) == ["github.com/api.github.com.json"]
    monkeypatch.setenv("SAMPLEGEN_OPENAI_DOC", str(tmp_path / "missing.yaml"))
    assert list(documents(corpus)) == ["github.com/api.github.com.json"]
    (tmp_path / "openai.yaml").write_text("openapi: 3.1.0\n")
    monkeypatch.setenv("SAMPLEGEN_OPENAI_DOC", str(tmp_path / "openai.yaml"))
    assert list(documents(corpus)) == ["OpenAI", "github.com/api.github.com.json"]


def test_short_processes_get_more_pairs_up_to_a_ceiling_long_ones_none() -> None:
    assert extra_pairs(5, 1.0) == MAX_PAIRS - 5  # 45 s of 1 s pairs: the ceiling
    assert extra_pairs(5, 3.0) == 10  # 15 pairs of 3 s
    assert extra_pairs(5, 20.0) == 0  # 3,000 operations: the full sets are enough


def test_a_per_operation_round_holds_as_many_passes_as_fill_half_a_second() -> None:
    # One pass of the peer over OpenAI's document is 60 ms: a round holds eight, and with
    # them a share of V8's major collections, instead of all or none.
    assert passes_per_round(0.06) == 8
    assert passes_per_round(0.18) == 3
    assert passes_per_round(2.0) == 1


class _FakeSet:
    def __init__(self, name: str, log: list[str], extra: int) -> None:
        self.name, self.log, self.extra = name, log, extra

    def full(self) -> None:
        self.log.append(f"{self.name} full")

    def pair(self) -> None:
        self.log.append(f"{self.name} pair")

    def extra_pairs(self) -> int:
        return self.extra


def test_the_points_of_a_curve_are_measured_in_turn_not_one_after_another() -> None:
    log: list[str] = []
    interleaved([_FakeSet("100", log, 2), _FakeSet("3000", log, 0)], reps=2)  # type: ignore[list-item]
    assert log == ["100 full", "3000 full", "100 full", "3000 full", "100 pair", "100 pair"]
