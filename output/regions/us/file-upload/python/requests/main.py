"""Upload a file for document extraction (Python requests)."""

import json
import os
import sys

import requests

URL = "https://dashscope-us.aliyuncs.com/compatible-mode/v1/files"


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

headers = {
    "Authorization": "Bearer " + api_key,
}
# A multipart/form-data body: text fields, and each file with its name and type.
fields = {
    "purpose": "file-extract",
}
files = [
    ("file", ("report.txt", read_file("report.txt"), "text/plain")),
]

try:
    response = requests.post(URL, headers=headers, data=fields, files=files, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
