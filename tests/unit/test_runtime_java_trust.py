"""The Java runtime's trust store, written in Python: the JDK reads it as keytool's own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import trustme

from generator.harness.runtimes.java import TRUST_PASSWORD, write_trust_store


@pytest.mark.skipif(shutil.which("keytool") is None, reason="keytool (a JDK) is not on PATH")
def test_the_python_trust_store_holds_the_test_ca_as_a_trusted_certificate(
    tmp_path: Path,
) -> None:
    ca = trustme.CA()
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    store = tmp_path / "trust.p12"
    if not write_trust_store(pem, store):
        pytest.skip("this cryptography cannot write Java trust stores (keytool makes them)")
    listed = subprocess.run(
        ["keytool", "-list", "-v", "-keystore", str(store), "-storetype", "PKCS12",
         "-storepass", TRUST_PASSWORD],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "Your keystore contains 1 entry" in listed
    assert "Entry type: trustedCertEntry" in listed
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    cert = x509.load_pem_x509_certificate(pem.read_bytes())
    fingerprint = cert.fingerprint(hashes.SHA256()).hex(":").upper()
    assert fingerprint in listed
