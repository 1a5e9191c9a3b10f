"""The Java SDK variants: what they call is data in the registry, each operation has its
template, and an image-synthesis spec the SDK's ImageSynthesis cannot send is declined with
the reason, never a failing render or a sample that calls another URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.render.environment import DEFAULT_TEMPLATES, make_environment
from generator.render.filters.java import java_duration
from generator.render.registry import variant
from generator.render.samples import render_sample
from generator.sources import load_spec, load_specs
from tests.conftest import copy_specs

SPECS = Path(__file__).resolve().parents[2] / "specs"
ENDPOINTS = {e.id: e for e in load_specs(SPECS)}


def test_every_declared_operation_has_its_template() -> None:
    chosen = variant("java-dashscope")
    folder = DEFAULT_TEMPLATES / chosen.language / chosen.key
    assert chosen.operations
    for operation in chosen.operations:
        assert (folder / f"_{operation}.j2").is_file(), f"java-dashscope declares {operation}"


def test_java_polls_the_image_task_through_java_net_http_and_the_dashscope_sdk() -> None:
    endpoint = ENDPOINTS["image-synthesis"]
    assert variant("java-httpclient").decline_reason(endpoint) is None
    assert variant("java-dashscope").decline_reason(endpoint) is None
    text = render_sample(make_environment(), endpoint, variant("java-dashscope"))
    assert 'new ImageSynthesis("text2image", BASE_URL)' in text
    assert "Duration.ofSeconds(1)" in text and "Duration.ofSeconds(120)" in text


def _image_spec(tmp_path: Path, old: str, new: str) -> Path:
    text = (SPECS / "image-synthesis.yaml").read_text("utf-8")
    assert old in text
    path = copy_specs(tmp_path) / "image-synthesis.yaml"  # beside the API-level file
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "path: /api/v1/services/aigc/text2image/image-synthesis",
            "path: /api/v1/services/aigc/image2image/image-edit",
            "ImageSynthesis calls only <base>/services/aigc/<task>/image-synthesis",
        ),
        (
            "poll_path: /api/v1/tasks/{task_id}",
            "poll_path: /api/v1/jobs/{task_id}",
            "ImageSynthesis polls only <base>/tasks/{task_id}",
        ),
        (
            "reply_path: [output, results, 0, url]",
            "reply_path: [output, task_id]",
            "ImageSynthesisResult holds the images as output.results[i].<field> only",
        ),
    ],
)
def test_what_image_synthesis_cannot_send_is_declined_with_the_reason(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    endpoint = load_spec(_image_spec(tmp_path, old, new))
    assert variant("java-dashscope").decline_reason(endpoint) == reason
    assert variant("python-requests").decline_reason(endpoint) is None


def test_another_task_of_the_same_function_gets_its_own_task_name(tmp_path: Path) -> None:
    path = _image_spec(
        tmp_path,
        "path: /api/v1/services/aigc/text2image/image-synthesis",
        "path: /api/v1/services/aigc/image2image/image-synthesis",
    )
    endpoint = load_spec(path)
    text = render_sample(make_environment(), endpoint, variant("java-dashscope"))
    assert 'new ImageSynthesis("image2image", BASE_URL)' in text


@pytest.mark.parametrize(
    ("seconds", "java"),
    [(1, "Duration.ofSeconds(1)"), (0.5, "Duration.ofMillis(500)"), (1e-4, "Duration.ofMillis(1)")],
)
def test_java_duration_is_whole_seconds_or_milliseconds(seconds: float, java: str) -> None:
    assert java_duration(seconds) == java


def test_java_duration_refuses_what_is_no_number_of_seconds() -> None:
    with pytest.raises(ValueError):
        java_duration(float("nan"))


def _spec(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (SPECS / f"{name}.yaml").read_text("utf-8")
    assert old in text
    path = copy_specs(tmp_path) / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def test_embeddings_and_rerank_render_through_their_typed_setters() -> None:
    env = make_environment()
    text = render_sample(env, ENDPOINTS["text-embedding"], variant("java-dashscope"))
    assert "new TextEmbedding(BASE_URL)" in text
    assert ".textType(TextEmbeddingParam.TextType.DOCUMENT)" in text and ".dimension(1024)" in text
    assert "result.getOutput().getEmbeddings().get(0).getEmbedding()" in text
    text = render_sample(env, ENDPOINTS["text-rerank"], variant("java-dashscope"))
    assert "new TextReRank(Protocol.HTTP.getValue(), BASE_URL)" in text
    assert ".returnDocuments(true)" in text and ".topN(2)" in text
    assert "JsonUtils.toJson(result.getOutput().getResults())" in text


@pytest.mark.parametrize(
    ("name", "old", "new", "reason"),
    [
        (
            "text-embedding",
            "path: /api/v1/services/embeddings/text-embedding/text-embedding",
            "path: /api/v1/services/embeddings/multimodal-embedding/multimodal-embedding",
            "TextEmbedding calls only <base>/services/embeddings/text-embedding/text-embedding",
        ),
        (
            "text-embedding",
            "      texts:\n",
            "      image: https://example.com/a.png\n      texts:\n",
            "TextEmbeddingParam has no setter for input.image (it sends texts only)",
        ),
        (
            "text-embedding",
            "      text_type: document\n",
            "      text_type: document\n      extra: null\n",
            "the SDK's JSON (Gson) leaves out null values, such as parameters.extra",
        ),
        (
            "text-embedding",
            "reply_path: [output, embeddings, 0, embedding]",
            "reply_path: [output, embeddings, 0, text_index]",
            "the sample prints what the typed result holds: "
            "TextEmbeddingResult has no getter for 'text_index'",
        ),
        (
            "text-rerank",
            "      query: What is a text ranking model?",
            "      query: ' '",
            "TextReRankParam refuses a blank input.query",
        ),
        (
            "text-rerank",
            "      return_documents: true\n      top_n: 2\n",
            "      {}\n",
            "TextReRankParam leaves out an empty parameters object",
        ),
        (
            "text-rerank",
            "    model: gte-rerank-v2\n",
            "    model: gte-rerank-v2\n    user: me\n",
            "TextReRankParam never sends user (only model, input, parameters)",
        ),
        (
            "app-completion",
            "    parameters: {}\n",
            "    parameters:\n      has_thoughts: false\n",
            "ApplicationParam never sends debug (only input, parameters), and always adds "
            "parameters.incremental_output, which the request does not send",
        ),
    ],
)
def test_what_embeddings_and_rerank_cannot_send_is_declined_with_the_reason(
    tmp_path: Path, name: str, old: str, new: str, reason: str
) -> None:
    endpoint = load_spec(_spec(tmp_path, name, old, new))
    assert variant("java-dashscope").decline_reason(endpoint) == reason
    assert variant("java-httpclient").decline_reason(endpoint) is None


def test_the_shipped_application_spec_is_declined_naming_what_the_sdk_sends_instead() -> None:
    """ApplicationParam never sends the spec's debug object and always adds two parameters
    (false unless set), as dashscope.Application.call in Python adds "model": ""."""
    assert variant("java-dashscope").decline_reason(ENDPOINTS["app-completion"]) == (
        "ApplicationParam never sends debug (only input, parameters), and always adds "
        "parameters.incremental_output and parameters.has_thoughts, which the request does "
        "not send"
    )


def test_an_application_request_the_sdk_sends_exactly_renders(tmp_path: Path) -> None:
    """Without debug, and with the two parameters the SDK always sends documented as the
    API's defaults, an application call renders: the app id through appId(), the reply
    through the result's getters."""
    path = _spec(
        tmp_path,
        "app-completion",
        "    parameters: {}\n    debug: {}\n",
        "  defaults:\n    parameters:\n"
        "      incremental_output: false\n      has_thoughts: false\n",
    )
    endpoint = load_spec(path)
    assert variant("java-dashscope").decline_reason(endpoint) is None
    text = render_sample(make_environment(), endpoint, variant("java-dashscope"))
    assert "new Application(BASE_URL)" in text and '.appId("YOUR_APP_ID")' in text
    assert "System.out.println(result.getOutput().getText());" in text


def test_an_app_id_the_sdk_would_put_into_the_path_unencoded_is_declined(tmp_path: Path) -> None:
    path = _spec(tmp_path, "app-completion", "    example: YOUR_APP_ID", "    example: my app")
    text = path.read_text("utf-8").replace('pattern: "^[A-Za-z0-9_-]+$"', "minLength: 1")
    path.write_text(text.replace("    debug: {}\n", ""), "utf-8")
    assert variant("java-dashscope").decline_reason(load_spec(path)) == (
        "parameters[0]: Application puts the appId into the path as it is: only letters, "
        "digits and - . _ ~ pass unchanged"
    )


def test_a_task_state_is_read_with_fetch_and_printed_with_the_results_getters(
    tmp_path: Path,
) -> None:
    env = make_environment()
    text = render_sample(env, ENDPOINTS["task-status"], variant("java-dashscope"))
    assert 'imageSynthesis.fetch("86ecf553-d340-4e21-af6e-a0c6a421c010", apiKey)' in text
    assert "System.out.println(JsonUtils.toJson(result.getOutput()));" in text
    path = _spec(
        tmp_path, "task-status", "reply_path: [output]", "reply_path: [output, task_status]"
    )
    text = render_sample(env, load_spec(path), variant("java-dashscope"))
    assert "System.out.println(result.getOutput().getTaskStatus());" in text


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "path: /api/v1/tasks/{task_id}",
            "path: /api/v1/jobs/{task_id}",
            "ImageSynthesis.fetch sends only GET <base>/tasks/{task_id}",
        ),
        (
            "    example: 86ecf553-d340-4e21-af6e-a0c6a421c010",
            "    example: a/b",
            "parameters[0]: ImageSynthesis.fetch puts the task id into the path as it is: "
            "only letters, digits and - . _ ~ pass unchanged",
        ),
        (
            "      task_id: 86ecf553-d340-4e21-af6e-a0c6a421c010\n",
            "      first_seen: now\n      task_id: 86ecf553-d340-4e21-af6e-a0c6a421c010\n",
            # the whole output is printed, and the mock marks its first text
            "the sample prints what the typed result holds: "
            "ImageSynthesisResult has no getter for 'first_seen'",
        ),
    ],
)
def test_what_fetch_cannot_send_or_print_is_declined_with_the_reason(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    endpoint = load_spec(_spec(tmp_path, "task-status", old, new))
    assert variant("java-dashscope").decline_reason(endpoint) == reason


def test_video_synthesis_leaves_out_what_the_sdk_would_add_and_sets_the_base_url() -> None:
    text = render_sample(
        make_environment(), ENDPOINTS["video-synthesis"], variant("java-dashscope")
    )
    assert 'new VideoSynthesis(BASE_URL, "video-generation")' in text
    assert "Constants.baseHttpApiUrl = BASE_URL;" in text  # asyncCall reads it, not the field
    assert ".extendPrompt(null)" in text and ".withAudio(null)" in text
    assert '@SuppressWarnings("deprecation")' in text
    assert "System.out.println(result.getOutput().getVideoUrl());" in text


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "path: /api/v1/services/aigc/video-generation/video-synthesis",
            "path: /api/v1/services/aigc/video-generation/video-edit",
            "VideoSynthesis calls only <base>/services/aigc/<task>/video-synthesis",
        ),
        (
            "    model: wan2.2-t2v-plus\n",
            "    model: wanx2.1-kf2v-plus\n",
            "VideoSynthesis sends a kf2v model to <base>/services/aigc/image2video/video-synthesis",
        ),
        (
            "      prompt: A kitten runs across a sunny meadow, chasing a butterfly.\n",
            "      prompt: A kitten runs across a sunny meadow, chasing a butterfly.\n"
            "      extend_prompt: 'yes'\n",
            "VideoSynthesisParam sends input.extend_prompt only as a boolean",
        ),
        (
            "      prompt: A kitten runs across a sunny meadow, chasing a butterfly.\n",
            "      prompt: A kitten runs across a sunny meadow, chasing a butterfly.\n"
            "      negative_prompt: ''\n",
            "VideoSynthesisParam leaves out an empty input.negative_prompt",
        ),
        (
            "reply_path: [output, video_url]",
            "reply_path: [usage, video_count]",
            "the sample prints what the typed result holds: "
            "VideoSynthesisResult has no getter for 'usage'",
        ),
    ],
)
def test_what_video_synthesis_cannot_send_is_declined_with_the_reason(
    tmp_path: Path, old: str, new: str, reason: str
) -> None:
    path = _spec(tmp_path, "video-synthesis", old, new)
    text = path.read_text("utf-8").replace(
        "models: [wan2.2-t2v-plus,", "models: [wanx2.1-kf2v-plus, wan2.2-t2v-plus,"
    )
    path.write_text(text, "utf-8")
    assert variant("java-dashscope").decline_reason(load_spec(path)) == reason
