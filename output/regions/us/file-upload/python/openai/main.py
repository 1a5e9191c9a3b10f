"""Upload a file for document extraction (OpenAI Python SDK)."""

import os
import sys

from openai import APIError, APIStatusError, OpenAI


def read_file(path):
    """The bytes of a file to upload; a clear message and exit 1 when it cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        print("Cannot read the file to upload:", error, file=sys.stderr)
        sys.exit(1)


# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("DASHSCOPE_API_KEY")
if not api_key:
    sys.exit("Set the DASHSCOPE_API_KEY environment variable to your API key.")

client = OpenAI(
    api_key=api_key,
    base_url="https://dashscope-us.aliyuncs.com/compatible-mode/v1",
)

try:
    # Upload the local file with its name and type.
    result = client.files.create(
        file=("report.txt", read_file("report.txt"), "text/plain"),
        purpose="file-extract",
    )
except APIStatusError as error:
    # The API answered with an error status: print its error body.
    print(f"HTTP {error.status_code}: {error.response.text}", file=sys.stderr)
    sys.exit(1)
except APIError as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

print(result.id)
