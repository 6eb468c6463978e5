"""A signature inside the timesheet PDF, so that common PDF readers show it (pyHanko, Qt-free).

PDF signatures are X.509/CMS. The installation's Ed25519 key (the one every export is
signed with) issues, for each PDF, a certificate for a fresh ECDSA P-256 key, which signs
the PDF (PAdES baseline, SHA-256; ECDSA because every common reader checks it):

    self-signed certificate of the installation key (Ed25519)  "annotator worker key XXXX:XXXX:XXXX:XXXX"
      └── certificate of a one-time P-256 key, subject: the worker's name or pseudonym, or the fingerprint
            └── the PDF's signature (covers the whole file)

Readers show "signed by <name>", the document unchanged since, and an unknown identity (the
chain ends at the worker's own key, not at a public authority); :func:`check` proves that
the chain ends at the key the verifier pinned. The signing key of each PDF is thrown away.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from annotator.core import keys

FIELD = "TimesheetSignature"
#: certificates never expire: a timesheet is checked years later (RFC 5280, 4.1.2.5)
NOT_AFTER = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc)


def _name(text: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text[:64] or "annotator"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "annotator timesheet")])


def _certificates(key: keys.InstallationKey, signer_name: str, now: datetime):
    root_name = _name(f"annotator worker key {key.fingerprint}")
    start = now - timedelta(days=1)
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(key.private.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(NOT_AFTER)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key.private, None))
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(_name(signer_name)).issuer_name(root_name)
            .public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(NOT_AFTER)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key.private, None))
    return root, leaf, leaf_key


def sign(data: bytes, key: keys.InstallationKey, *, signer_name: str | None = None, reason: str = "",
         now: datetime | None = None) -> bytes:
    """``data`` (a PDF) with an embedded signature covering the whole file."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    now = now or datetime.now(timezone.utc)
    name = signer_name or f"annotator worker {key.fingerprint}"
    root, leaf, leaf_key = _certificates(key, name, now)
    der = serialization.Encoding.DER
    root_asn1 = asn1_x509.Certificate.load(root.public_bytes(der))
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(leaf.public_bytes(der)),
        signing_key=asn1_keys.PrivateKeyInfo.load(leaf_key.private_bytes(
            der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore.from_certs([root_asn1]))
    meta = signers.PdfSignatureMetadata(field_name=FIELD, md_algorithm="sha256", reason=reason or None,
                                        name=name, location=None)
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=signer)
    return out.getvalue()


def check(data: bytes, public_b64: str) -> str | None:
    """Why the PDF's embedded signature is not a whole-file signature by a chain ending at ``public_b64``
    (the pinned key), or ``None`` when it is."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # a hostile or broken file: say so, never crash
        return f"it cannot be read as a signed PDF ({type(exc).__name__})"
    if not sigs:
        return "it carries no embedded signature"
    sig = sigs[-1]
    try:
        certs = list(sig.other_embedded_certs) + [sig.signer_cert]
        raw = keys.raw_public(public_b64)
        roots = [c for c in certs if c.public_key.dump() and _raw_ed25519(c) == raw]
        if not roots:
            return "its embedded signature's certificates do not end at the worker's key"
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
    except (SignatureValidationError, ValueError, TypeError, KeyError) as exc:
        return f"its embedded signature cannot be validated ({type(exc).__name__})"
    if not status.intact or not status.valid:
        return "its embedded signature does not match its content"
    if not status.trusted:
        return "its embedded signature's certificate is not issued by the worker's key"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "its embedded signature does not cover the whole file (something was added after signing)"
    return None


def signer_keys(data: bytes) -> list[str]:
    """The Ed25519 keys (base64) among the certificates of the PDF's last signature (to match a fingerprint)."""
    import base64

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        sigs = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
        certs = list(sigs[-1].other_embedded_certs) + [sigs[-1].signer_cert] if sigs else []
    except Exception:  # a hostile or broken file has no keys to offer
        return []
    return [base64.b64encode(raw).decode("ascii") for raw in map(_raw_ed25519, certs) if raw]


def _raw_ed25519(cert) -> bytes | None:
    info = cert.public_key
    if info.algorithm != "ed25519":
        return None
    return bytes(info["public_key"])
