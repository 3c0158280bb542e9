"""A software passkey for tests: answers WebAuthn challenges as a real authenticator does.

It signs with a real P-256 key, so allauth and fido2 check real registration and
sign-in responses; only the hardware is missing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

RP_ID = "testserver"
ORIGIN = "https://testserver"


def _rp_id_hash() -> bytes:
    return hashlib.sha256(RP_ID.encode()).digest()


@dataclass
class SoftwarePasskey:
    user_handle: str = ""
    credential_id: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    counter: int = 0

    def register(self, creation_options: dict[str, Any]) -> dict[str, Any]:
        """Answer ``navigator.credentials.create()`` with a resident, user-verified key."""
        public_key = creation_options["publicKey"]
        self.user_handle = public_key["user"]["id"]
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=public_key["challenge"], origin=ORIGIN
        )
        credential_data = AttestedCredentialData.create(
            Aaguid.NONE,
            self.credential_id,
            ES256.from_cryptography_key(self.private_key.public_key()),
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
        auth_data = AuthenticatorData.create(_rp_id_hash(), flags, self.counter, credential_data)
        attestation = AttestationObject.create("none", auth_data, {})
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(bytes(client_data)),
                "attestationObject": websafe_encode(bytes(attestation)),
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def sign_in(self, request_options: dict[str, Any]) -> dict[str, Any]:
        """Answer ``navigator.credentials.get()`` for this key."""
        self.counter += 1
        client_data = CollectedClientData.create(
            type="webauthn.get",
            challenge=request_options["publicKey"]["challenge"],
            origin=ORIGIN,
        )
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV
        auth_data = bytes(AuthenticatorData.create(_rp_id_hash(), flags, self.counter))
        signature = self.private_key.sign(
            auth_data + hashlib.sha256(bytes(client_data)).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(bytes(client_data)),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": self.user_handle,
            },
            "clientExtensionResults": {},
        }
