"""Upload two files 'with' "quotes" (Python requests)."""

import json
import os
import sys

import requests

URL = "https://upload.acme-media.com/v3/assets"


def read_file(path):
    """The bytes of a file to upload; a clear message and exit 1 when it cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        print("Cannot read the file to upload:", error, file=sys.stderr)
        sys.exit(1)


# Read the API key from the environment; never write it into the code.
api_key = os.environ.get("ACME_MEDIA_KEY")
if not api_key:
    sys.exit("Set the ACME_MEDIA_KEY environment variable to your API key.")

headers = {
    "x-api-key": api_key,
}
# A multipart/form-data body: text fields, and each file with its name and type.
fields = {
    "album": 'holidays "2026" $(id) ${x} `y`',
    "public": "true",
    "note": "back\\slash \\n tab\t日本語",
}
files = [
    ("image", ("photo-1.png", read_file("photo-1.png"), "image/png")),
    ("caption.text", ("caption_2.txt", read_file("caption_2.txt"), "text/plain")),
]

try:
    response = requests.put(URL, headers=headers, data=fields, files=files, timeout=60)
except requests.RequestException as error:
    print("Request failed:", error, file=sys.stderr)
    sys.exit(1)

if not response.ok:
    # The API answered with an error status: print its error body.
    print(f"HTTP {response.status_code}: {response.text}", file=sys.stderr)
    sys.exit(1)

print(json.dumps(response.json(), ensure_ascii=False, indent=2))
