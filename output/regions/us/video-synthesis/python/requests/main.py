"""Generate a video with Wan as an asynchronous task (Python requests)."""

import json
import os
import sys
import time
from urllib.parse import quote

import requests

URL = "https://dashscope-us.aliyuncs.com/api/v1/services/aigc/video-generation/video-synthesis"
TASK_URL = "https://dashscope-us.aliyuncs.com/api/v1/tasks/"
POLL_INTERVAL = 1.0  # seconds between two polls of the task
POLL_TIMEOUT = 600.0  # seconds to wait for the task to end

# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

headers = {
    "Authorization": "Bearer " + api_key,
    "Content-Type": "application/json",
    "X-DashScope-Async": "enable",
}
body = {
    "model": "wan2.2-t2v-plus",
    "input": {
        "prompt": "A kitten runs across a sunny meadow, chasing a butterfly.",
    },
    "parameters": {
        "size": "1920*1080",
        "duration": 5,
    },
}

try:
    response = requests.post(URL, headers=headers, json=body, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

# An asynchronous task: read its id, then poll it until it ends or the timeout passes.
task_id = response.json()["output"]["task_id"]
poll_url = TASK_URL + quote(task_id, safe="")
poll_headers = {
    "Authorization": "Bearer " + api_key,
}
deadline = time.monotonic() + POLL_TIMEOUT
while True:
    try:
        poll = requests.get(poll_url, headers=poll_headers, timeout=60)
    except requests.RequestException as error:
        print("Request failed:", error, file=sys.stderr)
        sys.exit(1)
    if not poll.ok:
        # The API answered with an error status: print its error body.
        print(f"HTTP {poll.status_code}: {poll.text}", file=sys.stderr)
        sys.exit(1)
    task = poll.json()
    status = task["output"]["task_status"]
    if status in ("SUCCEEDED",):
        break
    if status in ("FAILED", "CANCELED", "UNKNOWN"):
        # The task failed: print its answer, which says why.
        message = json.dumps(task, ensure_ascii=False)
        print("The task failed:", message, file=sys.stderr)
        sys.exit(1)
    if time.monotonic() + POLL_INTERVAL > deadline:
        print(f"The task did not end within {POLL_TIMEOUT} seconds.", file=sys.stderr)
        sys.exit(1)
    time.sleep(POLL_INTERVAL)

print(json.dumps(task, ensure_ascii=False, indent=2))
