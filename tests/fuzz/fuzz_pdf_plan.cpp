// Arbitrary bytes as the PDF to sign, as far as signing goes without a key:
// the reader (pdf/reader: Poppler, the model, fields, markers, DSS), the plan
// (core/plan) and the prepared update with its placeholders (core/prepare:
// form, appearance, notice band, byte range), all in memory. The signer is
// known by its certificate only (crypto::identityFromCertificate on the
// golden test's committed one), as in two-phase signing: no key is used and
// nothing is written to disk.
//
// Each input is planned invisibly, then once more in one of the other ways
// (chosen by its size): a visible field in a corner with the notice band, an
// existing empty field, a Signature Line, a certification, a given rectangle.
// What the engine appends should read back: the prepared file, with /Contents
// filled, opens with the same reader (else the engine would write a PDF it
// refuses itself). A failure is said on stderr, and is fatal with
// BSRE_FUZZ_STRICT=1 in the environment.
#include "fuzz_support.hpp"

#include "common/error.hpp"
#include "core/plan.hpp"
#include "core/prepare.hpp"
#include "core/sign.hpp"
#include "crypto/external.hpp"
#include "pdf/reader.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace bsre;

namespace {

const crypto::SignerIdentity& identity()
{
    static std::unique_ptr<crypto::SignerIdentity> id = [] {
        fuzz::nss();
        const auto cert = crypto::readCertificates(fuzz::source("tests/data/golden/signer.pem"));
        const auto ca = crypto::readCertificates(fuzz::source("tests/data/golden/ca.pem"));
        return crypto::identityFromCertificate(cert.at(0), ca);
    }();
    return *id;
}

SignRequest baseRequest()
{
    SignRequest rq;
    rq.input = "fuzz.pdf";
    rq.output = "fuzz-signed.pdf";
    rq.now = std::chrono::system_clock::time_point(std::chrono::seconds(1795501800));
    rq.utcOffsetMinutes = 7 * 60;
    rq.reason = "Persetujuan";
    rq.location = "Jakarta";
    return rq;
}

NoticeRequest notice()
{
    NoticeRequest n;
    n.style.paragraphs = {"Dokumen ini telah ditandatangani secara elektronik."};
    n.style.qrText = "https://tte.example.go.id/verify/fuzz";
    return n;
}

// The other ways to sign; false when the document offers none of this kind.
bool vary(SignRequest& rq, const pdf::DocumentModel& m, size_t choice)
{
    switch (choice % 5) {
    case 0:
        rq.placement.kind = Placement::Kind::CornerVisible;
        rq.placement.corner = static_cast<Placement::Corner>((choice / 5) % 4);
        rq.notice = notice();
        return true;
    case 1:
        for (const auto& f : m.fields)
            if (f.isSignature && !f.isSigned) {
                rq.placement.kind = Placement::Kind::ExistingField;
                rq.placement.field = f.name;
                return true;
            }
        return false;
    case 2: {
        LineFields lf;
        lf.lines = {{"line1", "Penguji", "Kepala"}, {"line2", "", ""}};
        lf.sign = (choice / 5) % 2 ? "line1" : "";
        rq.lineFields = lf;
        return true;
    }
    case 3:
        rq.certify = true;
        rq.certifyLevel = 1 + static_cast<int>((choice / 5) % 3);
        return true;
    default:
        rq.placement.kind = Placement::Kind::NewVisible;
        rq.placement.page = 1 + static_cast<int>((choice / 5) % 2);
        rq.placement.rect = {40, 40, 240, 110};
        return true;
    }
}

// An update that does not read back as the input did: said on stderr (the
// first few times), fatal with BSRE_FUZZ_STRICT=1. Known on malformed inputs
// whose meaning depends on bytes after them (docs/FUZZING.md, "Findings").
void notReadBack(const std::string& what)
{
    static const bool strict = std::getenv("BSRE_FUZZ_STRICT") != nullptr;
    static int told = 0;
    if (strict || told++ < 3)
        std::fprintf(stderr, "fuzz: the engine's own update does not read back: %s\n", what.c_str());
    if (strict)
        fuzz::broken("the prepared file does not read back");
}

void planAndPrepare(const pdf::Reader& reader, const SignRequest& rq)
{
    const SignaturePlan plan = planSignature(reader, rq, identity().commonName());
    PreparedSignature prepared = prepareSignature(reader, plan, identity(), 0);
    const pdf::PreparedDocument& doc = prepared.document;
    if (doc.bytes.compare(0, doc.originalSize, reader.bytes()) != 0)
        fuzz::broken("the prepared file changed the original's bytes");
    auto filled = std::make_shared<const std::string>(pdf::fillContents(doc, std::string("\x30\x03\x02\x01\x00", 5)));
    try {
        auto again = pdf::Reader::openBytes(filled, "fuzz-signed.pdf");
        if (again->model().pages.size() != reader.model().pages.size())
            notReadBack("another page count");
    } catch (const Error& e) {
        notReadBack(e.english());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    (void)identity();
    auto bytes = std::make_shared<const std::string>(reinterpret_cast<const char*>(data), size);
    std::unique_ptr<pdf::Reader> reader;
    try {
        reader = pdf::Reader::openBytes(bytes, "fuzz.pdf");
    } catch (const Error&) {
        return 0;
    }
    const pdf::DocumentModel& m = reader->model();
    try {
        (void)reader->signatures();
        (void)reader->dss();
        (void)reader->markers("bsre-sigline:");
    } catch (const Error&) {
    }
    try {
        planAndPrepare(*reader, baseRequest());
    } catch (const Error&) {
    }
    SignRequest rq = baseRequest();
    if (vary(rq, m, size)) {
        try {
            planAndPrepare(*reader, rq);
        } catch (const Error&) {
        }
    }
    return 0;
}
