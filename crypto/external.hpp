// Two-phase signing's crypto part: a signer known only by its certificate
// (the key is elsewhere: a remote signer, an HSM behind another tool), and
// the check that a signature made outside this process is the one asked for.
#pragma once

#include "crypto/signer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace bsre::crypto {

// The certificates in PEM text (every "BEGIN CERTIFICATE" block), or the text
// itself when it is one DER certificate; empty when there is none. NSS must be up.
std::vector<Bytes> certificatesIn(const std::string& text);

// Certificates from a file: PEM (one or more "BEGIN CERTIFICATE" blocks) or
// a single DER certificate. Throws Usage when the file holds none.
std::vector<Bytes> readCertificates(const std::string& path);

// NSS must be initialised (any context, a database is not needed).
std::unique_ptr<SignerIdentity> identityFromCertificate(const Bytes& certDer, std::vector<Bytes> chain);

// Checks `signature` (RSA PKCS#1 v1.5 over a DigestInfo, or a DER
// ECDSA-Sig-Value) over `digest` with the certificate's public key. Throws
// SignatureMismatch with a sentence saying what was wrong.
void requireSignatureOver(const SignerIdentity& signer, const Bytes& digest, const Bytes& signature);

// Whether NSS is initialised in this process (by us or by LibreOffice).
bool nssReady() noexcept;
// "3.87.1": the NSS library in use (for the support log).
std::string nssVersion();
// The PKCS#11 modules NSS has loaded, by name ("NSS Internal PKCS #11 Module, SoftHSM").
std::string moduleNames();

// What a usage record names of a certificate (no key needed).
struct CertificateSummary {
    std::string fingerprint; // SHA-256 of the DER, upper-case hex
    std::string commonName, organisation, unit, issuer, serial, notAfter;
};
CertificateSummary describeCertificate(const Bytes& certDer);

} // namespace bsre::crypto
