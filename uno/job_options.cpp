#include "job_options.hpp"

#include "common/error.hpp"

namespace bsre::ext {

using namespace css;

namespace {

template <class T>
bool get(const beans::PropertyValue& p, const char* name, T& out)
{
    return p.Name.equalsAscii(name) && (p.Value >>= out);
}

// Basic passes Array(...) as sequence<any>; accept numbers of any kind.
bool anyNumbers(const uno::Any& v, uno::Sequence<double>& out)
{
    uno::Sequence<uno::Any> items;
    if (!(v >>= items))
        return false;
    out.realloc(items.getLength());
    for (sal_Int32 i = 0; i < items.getLength(); ++i)
        if (!(items[i] >>= out.getArray()[i]))
            return false;
    return true;
}

} // namespace

JobOptions parseOptions(const uno::Sequence<beans::PropertyValue>& options)
{
    JobOptions o;
    for (const beans::PropertyValue& p : options) {
        OUString s;
        bool b = false;
        sal_Int32 n = 0;
        uno::Sequence<double> r;
        if (get(p, "Certificate", s))
            o.certificate = fromU(s);
        else if (get(p, "Pin", s))
            o.pin = fromU(s);
        else if (get(p, "OutputUrl", s))
            o.outputUrl = s;
        else if (get(p, "Overwrite", b))
            o.overwrite = b;
        else if (get(p, "Visible", b))
            o.visible = b;
        else if (get(p, "Page", n))
            o.page = n;
        else if (get(p, "Position", s)) {
            o.position = fromU(s);
            if (o.position != "BottomRight" && o.position != "BottomLeft" && o.position != "TopRight" &&
                o.position != "TopLeft")
                fail(Code::BadOption, "Position must be BottomRight, BottomLeft, TopRight or TopLeft.",
                     "Position harus BottomRight, BottomLeft, TopRight atau TopLeft.");
        }
        else if (p.Name == "Rect" && ((p.Value >>= r) || anyNumbers(p.Value, r))) {
            if (r.getLength() != 4 || r[2] <= 0 || r[3] <= 0)
                fail(Code::BadOption, "Rect must be four numbers: x, y, width, height in points.",
                     "Rect harus empat angka: x, y, lebar, tinggi dalam poin.");
            o.rect = pdf::Rect{r[0], r[1], r[0] + r[2], r[1] + r[3]};
        } else if (get(p, "Reason", s))
            o.reason = fromU(s);
        else if (get(p, "Location", s))
            o.location = fromU(s);
        else if (get(p, "ContactInfo", s))
            o.contact = fromU(s);
        else if (get(p, "Title", s))
            o.title = fromU(s);
        else if (get(p, "AppearanceStyle", s)) {
            o.appearanceStyle = fromU(s);
            if (o.appearanceStyle != "Standard" && o.appearanceStyle != "Tnde")
                fail(Code::BadOption, "AppearanceStyle must be Standard or Tnde.",
                     "AppearanceStyle harus Standard atau Tnde.");
        } else if (get(p, "Field", s))
            o.field = fromU(s);
        else if (get(p, "Notice", b))
            o.notice = b;
        else if (get(p, "Certify", b))
            o.certify = b;
        else if (get(p, "Interactive", b))
            o.interactive = b;
        else if (get(p, "BsreAccount", s))
            o.bsreAccount = fromU(s);
        else if (get(p, "OneTimeCode", b))
            o.oneTimeCode = b;
        else if (get(p, "SignerName", s))
            o.signerName = fromU(s);
        else
            fail(Code::BadOption, "Unknown or mistyped option \"" + fromU(p.Name) + "\".",
                 "Opsi \"" + fromU(p.Name) + "\" tidak dikenal atau jenisnya salah.");
    }
    return o;
}

} // namespace bsre::ext
