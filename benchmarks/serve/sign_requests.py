"""Signed launch requests for `flowc serve` with verification on (benchmarks/serve/run.sh).

Makes a test CA and an Amazon-like signing certificate (Subject Alternative Name
echo-api.amazon.com, digital-signature key usage), writes the chain and the root for
`flowc serve --cert-chain URL=FILE --trust-roots FILE`, and N launch envelopes, each with a
fresh customer and request id and the current time, signed as Alexa signs them (RSA PKCS#1
v1.5 with SHA-256 over the exact body bytes, base64 in Signature-256). wrk cannot sign, so
signed_launch.lua sends these, one line each: "<signature> <body>".

Usage: python sign_requests.py DIR COUNT  (needs the `cryptography` package: the peer's venv
has it through ask-sdk-webservice-support)
"""

import base64
import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-bench.pem"


def certificate(subject, issuer, public_key, signing_key, now, ca, san=None):
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                encipher_only=False, decipher_only=False),
            critical=True)
    )
    if san:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def envelope(request_id, timestamp):
    user = "amzn1.ask.account." + request_id
    system = (
        '{"application":{"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"%s"},'
        '"device":{"deviceId":"amzn1.ask.device.bench","supportedInterfaces":{}},'
        '"apiEndpoint":"https://api.amazonalexa.com","apiAccessToken":"bench-token"}' % user)
    return (
        '{"version":"1.0","session":{"new":true,"sessionId":"amzn1.echo-api.session.%s",'
        '"application":{"applicationId":"amzn1.ask.skill.bench"},"user":{"userId":"%s"}},'
        '"context":{"System":%s},"request":{"type":"LaunchRequest","requestId":"%s",'
        '"timestamp":"%s","locale":"en-US"}}' % (request_id, user, system, request_id, timestamp))


def main():
    directory, count = sys.argv[1], int(sys.argv[2])
    now = datetime.datetime.now(datetime.timezone.utc)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = certificate("flowc bench root", "flowc bench root", root_key.public_key(), root_key, now, True)
    signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signing = certificate(
        "echo-api.amazon.com", "flowc bench root", signing_key.public_key(), root_key, now, False,
        san="echo-api.amazon.com")
    pem = serialization.Encoding.PEM
    with open(os.path.join(directory, "chain.pem"), "wb") as chain:
        chain.write(signing.public_bytes(pem) + root.public_bytes(pem))
    with open(os.path.join(directory, "roots.pem"), "wb") as roots:
        roots.write(root.public_bytes(pem))
    timestamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    prefix = base64.b32encode(os.urandom(5)).decode().lower()
    with open(os.path.join(directory, "signed-launch.txt"), "w") as out:
        for number in range(count):
            body = envelope("amzn1.echo-api.request.%s-%d" % (prefix, number), timestamp)
            signature = signing_key.sign(body.encode(), padding.PKCS1v15(), hashes.SHA256())
            out.write(base64.b64encode(signature).decode() + " " + body + "\n")
    print(CHAIN_URL)


if __name__ == "__main__":
    main()
