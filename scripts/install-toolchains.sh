#!/usr/bin/env bash
# Install the toolchains the test suite needs and the machine lacks (Debian packages).
# Go, Node.js, Java 17 and Maven come with the machine image; they are checked, not installed.
set -euo pipefail

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have php || need+=(php-cli)
if ! have php || ! grep -qx curl <<<"$(php -m 2>/dev/null)"; then need+=(php-curl); fi
have mcs || need+=(mono-mcs)
have mono || need+=(mono-runtime)
[ -e /usr/lib/mono/4.5/System.Net.Http.dll ] || need+=(libmono-system-net-http4.0-cil)
# The streamed C# samples read event JSON with System.Runtime.Serialization.Json.
[ -e /usr/lib/mono/4.5/System.Runtime.Serialization.dll ] || need+=(libmono-system-runtime-serialization4.0-cil)
have cert-sync || need+=(ca-certificates-mono)
have shellcheck || need+=(shellcheck)
have jq || need+=(jq)  # the curl samples of streaming endpoints read events with jq
have composer || need+=(composer)
# The docs browser test (tests/docs_tools) opens a built MkDocs page in headless Chromium.
have chromium || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-toolchains: installing ${need[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then sudo="sudo"; else
      echo "install-toolchains: not root and no sudo: install ${need[*]} yourself" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

missing=()
for tool in go gofmt node npm java javac mvn keytool php composer mcs mono shellcheck curl jq bash chromium; do
  have "$tool" || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-toolchains: MISSING ${missing[*]}: samples in those languages will be reported as skipped" >&2
fi
if ! have dotnet; then
  echo "install-toolchains: no dotnet on PATH (none is packaged for this machine): C# runs on Mono only"
fi
echo "install-toolchains: ok"
