"""Generate an image with Wan as an asynchronous task (DashScope Python SDK)."""

import json
import os
import sys
import time
from http import HTTPStatus

import dashscope

dashscope.base_http_api_url = "https://dashscope-us.aliyuncs.com/api/v1"
POLL_INTERVAL = 1.0  # seconds between two polls of the task
POLL_TIMEOUT = 120.0  # seconds to wait for the task to end


def fail(response):
    """Print the API's error body and exit non-zero."""
    # The API answered with an error status: print its error body.
    error = {
        "code": response.code,
        "message": response.message,
        "request_id": response.request_id,
    }
    print(f"HTTP {response.status_code}:", json.dumps(error), file=sys.stderr)
    sys.exit(1)


# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

# Submit the task (async_call sends X-DashScope-Async: enable), then poll it.
response = dashscope.ImageSynthesis.async_call(
    api_key=api_key,
    model="wan2.2-t2i-flash",
    prompt="A flower shop with a wooden door and a cat sleeping on the windowsill.",
    size="1024*1024",
    n=1,
)

if response.status_code != HTTPStatus.OK:
    fail(response)

# Poll the task every POLL_INTERVAL seconds until it ends, or stop after POLL_TIMEOUT.
task_id = response["output"]["task_id"]
deadline = time.monotonic() + POLL_TIMEOUT
while True:
    response = dashscope.ImageSynthesis.fetch(task_id, api_key=api_key)
    if response.status_code != HTTPStatus.OK:
        fail(response)
    status = response["output"]["task_status"]
    if status in ("SUCCEEDED",):
        break
    if status in ("FAILED", "CANCELED", "UNKNOWN"):
        # The task failed: print its answer, which says why.
        message = json.dumps(response, ensure_ascii=False, default=str)
        print("The task failed:", message, file=sys.stderr)
        sys.exit(1)
    if time.monotonic() + POLL_INTERVAL > deadline:
        print(f"The task did not end within {POLL_TIMEOUT} seconds.", file=sys.stderr)
        sys.exit(1)
    time.sleep(POLL_INTERVAL)

print(response["output"]["results"][0]["url"])
