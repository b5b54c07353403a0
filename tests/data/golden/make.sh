#!/usr/bin/env bash
# Made once and committed (tests/test_golden.cpp): a fixed RSA key and
# certificate for the golden test, so that the whole signed output is the
# same on every machine. Not run by the tests; kept to show how it was made.
set -euo pipefail
cd "$(dirname "$0")"
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 7300 \
  -subj "/C=ID/O=Golden Test CA/CN=Golden Test Root" -set_serial 1 \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
openssl req -newkey rsa:2048 -nodes -keyout signer.key -out signer.csr \
  -subj "/C=ID/O=Golden Test/CN=Penguji Golden"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > ext.cnf
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key -set_serial 4242 -days 7000 -out signer.pem -extfile ext.cnf
openssl pkcs12 -export -inkey signer.key -in signer.pem -certfile ca.pem -name golden -passout pass:golden -out signer.p12
rm -f signer.csr ext.cnf ca.key
