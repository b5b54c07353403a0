#include "asn1/cms_view.hpp"

namespace bsre::der {

MalformedCms::MalformedCms(std::string part, std::string partId)
    : Error(Code::Internal, "The CMS signature cannot be read: " + part + ".",
            "Tanda tangan CMS tidak dapat dibaca: " + partId + "."),
      part_(std::move(part)), partId_(std::move(partId))
{
}

const Attribute* Attributes::find(std::string_view oid) const noexcept
{
    for (const Attribute& a : list)
        if (a.type == oid)
            return &a;
    return nullptr;
}

namespace {

// What is missing or wrong, in both languages.
struct Part {
    const char* en;
    const char* id;
};

[[noreturn]] void malformed(Part p) { throw MalformedCms(p.en, p.id); }

// Every element of a constructed content; bytes that are no whole TLV are an error.
std::vector<Tlv> elements(std::string_view content, Part p)
{
    std::vector<Tlv> out;
    while (!content.empty()) {
        Tlv t;
        if (!readTlv(content, t))
            malformed(p);
        out.push_back(t);
        content.remove_prefix(t.whole.size());
    }
    return out;
}

// The fields of a SEQUENCE in order, optional ones by their tag.
class Fields {
public:
    Fields(std::string_view content, Part damaged) : f_(elements(content, damaged)) {}
    const Tlv* optional(uint8_t tag) noexcept { return i_ < f_.size() && f_[i_].tag == tag ? &f_[i_++] : nullptr; }
    const Tlv& required(uint8_t tag, Part missing)
    {
        if (const Tlv* t = optional(tag))
            return *t;
        malformed(missing);
    }
    void end(Part extra) const
    {
        if (i_ != f_.size())
            malformed(extra);
    }

private:
    std::vector<Tlv> f_;
    size_t i_ = 0;
};

// AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
std::string algorithm(const Tlv& t)
{
    Fields f(t.content, {"an algorithm identifier is damaged", "pengenal algoritme rusak"});
    return oidText(f.required(0x06, {"an algorithm identifier has no OID", "pengenal algoritme tidak memiliki OID"})
                       .content);
}

Attributes attributes(const Tlv* t)
{
    Attributes out;
    if (!t)
        return out;
    out.whole = t->whole;
    const Part bad{"an attribute is not a type with a set of values", "atribut bukan jenis dengan himpunan nilai"};
    for (const Tlv& a : elements(t->content, bad)) {
        if (a.tag != 0x30)
            malformed(bad);
        Fields f(a.content, bad);
        Attribute attr;
        attr.type = oidText(f.required(0x06, bad).content);
        for (const Tlv& v : elements(f.required(0x31, bad).content, bad))
            attr.values.push_back(v.whole);
        f.end(bad);
        out.list.push_back(std::move(attr));
    }
    return out;
}

// SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, [0] signedAttrs OPTIONAL,
//   signatureAlgorithm, signature OCTET STRING, [1] unsignedAttrs OPTIONAL }
SignerInfoView signerInfo(const Tlv& t)
{
    if (t.tag != 0x30)
        malformed({"a SignerInfo is not a SEQUENCE", "SignerInfo bukan SEQUENCE"});
    Fields f(t.content, {"a SignerInfo is damaged", "SignerInfo rusak"});
    SignerInfoView si;
    si.whole = t.whole;
    f.required(0x02, {"a SignerInfo has no version", "SignerInfo tidak memiliki versi"});
    const Tlv* sid = f.optional(0x30);
    if (!sid)
        sid = f.optional(0x80);
    if (!sid)
        malformed({"a SignerInfo has no signer identifier", "SignerInfo tidak memiliki pengenal penanda tangan"});
    si.sid = *sid;
    if (sid->tag == 0x30) {
        Fields ias(sid->content, {"the issuer and serial number are damaged", "penerbit dan nomor seri rusak"});
        ias.required(0x30, {"the signer identifier has no issuer", "pengenal penanda tangan tidak memiliki penerbit"});
        si.serialNumber = ias.required(0x02, {"the signer identifier has no serial number",
                                              "pengenal penanda tangan tidak memiliki nomor seri"})
                              .content;
    }
    si.digestAlgorithm = algorithm(f.required(0x30, {"a SignerInfo has no digest algorithm",
                                                     "SignerInfo tidak memiliki algoritme digest"}));
    si.signedAttrs = attributes(f.optional(0xA0));
    si.signatureAlgorithm = algorithm(f.required(0x30, {"a SignerInfo has no signature algorithm",
                                                        "SignerInfo tidak memiliki algoritme tanda tangan"}));
    si.signature = f.required(0x04, {"a SignerInfo has no signature value", "SignerInfo tidak memiliki nilai tanda tangan"})
                       .content;
    si.unsignedAttrs = attributes(f.optional(0xA1));
    f.end({"a SignerInfo has fields after its unsigned attributes", "SignerInfo memiliki isian setelah atribut tak bertanda"});
    return si;
}

// EncapsulatedContentInfo ::= SEQUENCE { eContentType, [0] EXPLICIT OCTET STRING OPTIONAL }
void encapsulated(const Tlv& t, SignedDataView& out)
{
    const Part bad{"the encapsulated content is damaged", "konten terbungkus rusak"};
    Fields f(t.content, bad);
    out.eContentType = oidText(f.required(0x06, {"the encapsulated content has no type", "konten terbungkus tidak memiliki jenis"}).content);
    if (const Tlv* e = f.optional(0xA0)) {
        Fields octets(e->content, bad);
        out.eContent = octets.required(0x04, bad).content;
        octets.end(bad);
    }
    f.end(bad);
}

} // namespace

SignedDataView parseSignedData(std::string_view in)
{
    SignedDataView out;
    Tlv ci;
    if (!readTlv(in, ci))
        malformed({"it is not DER (truncated or damaged)", "bukan DER (terpotong atau rusak)"});
    if (ci.tag != 0x30)
        malformed({"the ContentInfo is not a SEQUENCE", "ContentInfo bukan SEQUENCE"});
    out.contentInfo = ci.whole;
    Fields cf(ci.content, {"the ContentInfo is damaged", "ContentInfo rusak"});
    if (oidText(cf.required(0x06, {"the ContentInfo has no content type", "ContentInfo tidak memiliki jenis konten"}).content) !=
        kSignedDataOid)
        malformed({"the content is not a SignedData", "kontennya bukan SignedData"});
    const Tlv& content = cf.required(0xA0, {"the ContentInfo has no content", "ContentInfo tidak memiliki konten"});
    Fields wrap(content.content, {"the SignedData is damaged", "SignedData rusak"});
    const Tlv& sd = wrap.required(0x30, {"the SignedData is not a SEQUENCE", "SignedData bukan SEQUENCE"});

    Fields f(sd.content, {"the SignedData is damaged", "SignedData rusak"});
    f.required(0x02, {"the SignedData has no version", "SignedData tidak memiliki versi"});
    const Part algs{"the SignedData has no digest algorithms", "SignedData tidak memiliki algoritme digest"};
    for (const Tlv& a : elements(f.required(0x31, algs).content, algs))
        out.digestAlgorithms.push_back(algorithm(a));
    encapsulated(f.required(0x30, {"the SignedData has no encapsulated content", "SignedData tidak memiliki konten terbungkus"}),
                 out);
    const Part certs{"the certificates are damaged", "sertifikat rusak"};
    if (const Tlv* c = f.optional(0xA0))
        for (const Tlv& cert : elements(c->content, certs))
            out.certificates.push_back(cert.whole);
    f.optional(0xA1); // crls: not needed here
    const Part infos{"the SignedData has no signer infos", "SignedData tidak memiliki SignerInfo"};
    for (const Tlv& t : elements(f.required(0x31, infos).content, infos))
        out.signerInfos.push_back(signerInfo(t));
    f.end({"the SignedData has fields after its signer infos", "SignedData memiliki isian setelah SignerInfo"});
    return out;
}

std::optional<SignedDataView> readSignedData(std::string_view in)
{
    try {
        return parseSignedData(in);
    } catch (const MalformedCms&) {
        return std::nullopt;
    }
}

std::string_view certificateSerial(std::string_view certDer)
{
    // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, ... }, ... }
    Tlv cert, tbs;
    if (!readTlv(certDer, cert) || !readTlv(cert.content, tbs))
        return {};
    auto f = children(tbs.content);
    size_t i = (!f.empty() && f[0].tag == 0xA0) ? 1 : 0;
    return f.size() > i ? f[i].content : std::string_view();
}

} // namespace bsre::der
