#!/usr/bin/env python3
"""Makes the committed seed corpora of the fuzz targets (docs/FUZZING.md).

    tests/fuzz/make-seeds.py BUILD_DIR

Run by hand when the seeds should change, not by the tests: the output is
committed under tests/fuzz/corpus/<target>/ and tests/fuzz/data/. Needs the
normal build (BUILD_DIR/bsre-sign), qpdf, openssl, curl and the LTV fixture
scripts (tests/fixtures/LTV.md), whose PKI and loopback servers it starts in
a temporary folder and stops again. Small inputs on purpose: a fuzzer
mutates a 2 KB file far faster than a 30 KB one.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
DATA = os.path.join(HERE, "data")


def run(*cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    if r.returncode != 0:
        sys.exit("make-seeds: %s failed:\n%s" % (" ".join(cmd), r.stdout.decode(errors="replace")))
    return r.stdout


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def pdf(objects, trailer_extra=b""):
    """A PDF with a classic cross-reference table from object bodies (1-based)."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return out


def stream(data, extra=b"", compress=False):
    if compress:
        data = zlib.compress(data)
        extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (Halo, dokumen uji.) Tj ET\n0.5 w 72 700 m 300 700 l S\n"


def tiny(annots1=b"", acroform=b"", extra_objects=()):
    """Two A4 pages; objects 1-7 fixed, extra ones from 8 on."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R%s >>" % acroform,
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595.28 841.89] >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 5 0 R%s >>" % annots1,
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 6 0 R >> >> /Contents 7 0 R /Rotate 90 >>",
        stream(PAGE_TEXT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        stream(b"BT /F1 10 Tf 72 72 Td (Halaman 2) Tj ET\n", compress=True),
    ]
    objs += list(extra_objects)
    return pdf(objs, b" /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]")


def pdf_seeds(tmp):
    base = tiny()
    field = tiny(b" /Annots [8 0 R]", b" /AcroForm << /Fields [8 0 R] /SigFlags 0 >>",
                 [b"<< /FT /Sig /T (Tanda tangan 1) /Type /Annot /Subtype /Widget /Rect [300 100 500 170] "
                  b"/P 3 0 R /F 4 >>"])
    lines = tiny(b" /Annots [8 0 R 9 0 R]", b"",
                 [b"<< /Type /Annot /Subtype /Link /Rect [72 100 250 150] /Border [0 0 0] "
                  b"/A << /S /URI /URI (bsre-sigline:line1) >> >>",
                  b"<< /Type /Annot /Subtype /Link /Rect [300 100 500 150] /Border [0 0 0] "
                  b"/A << /S /URI /URI (bsre-sigline:line2) >> >>"])
    paths = {}
    for name, data in [("tiny.pdf", base), ("tiny-field.pdf", field), ("tiny-lines.pdf", lines)]:
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        paths[name] = p
    objstm = os.path.join(tmp, "tiny-objstm.pdf")
    run("qpdf", "--object-streams=generate", "--compress-streams=n", paths["tiny.pdf"], objstm)
    enc = os.path.join(tmp, "tiny-encrypted.pdf")
    run("qpdf", "--encrypt", "", "owner", "256", "--", paths["tiny.pdf"], enc)
    paths["tiny-objstm.pdf"] = objstm
    paths["tiny-encrypted.pdf"] = enc
    return paths


def ports(path):
    env = {}
    for line in open(path):
        if "=" in line and not line.startswith("#"):
            k, v = line.strip().split("=", 1)
            env[k] = v
    return env


def contents(pdf_bytes, which=-1):
    """The DER in a signature's /Contents (the zero padding trimmed by its length)."""
    hexes = re.findall(rb"/Contents\s*<([0-9A-Fa-f]{200,})>", pdf_bytes)
    der = bytes.fromhex(hexes[which].decode())
    # DER length of the outer SEQUENCE.
    n = der[1]
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(der[2:2 + k], "big") + 2 + k
    else:
        n += 2
    return der[:n]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    tool = os.path.join(os.path.abspath(sys.argv[1]), "bsre-sign")
    shutil.rmtree(CORPUS, ignore_errors=True)
    os.makedirs(DATA, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="bsre-seeds-")
    ltv = os.path.join(tmp, "ltv")
    pfile = os.path.join(tmp, "ltv.ports")
    fixtures = os.path.join(ROOT, "tests", "fixtures")
    env = dict(os.environ)
    env.pop("http_proxy", None)
    env.pop("https_proxy", None)
    try:
        run(os.path.join(fixtures, "make-ltv-pki.sh"), ltv, pfile)
        run(os.path.join(fixtures, "ltv-servers.sh"), "start", ltv, pfile)
        p = ports(pfile)
        paths = pdf_seeds(tmp)

        def sign(inp, out, *extra):
            run(tool, "sign", "--nssdb", os.path.join(ltv, "ltvdb"), "--cert", "ltv-officer", "--no-ledger",
                *extra, inp, "-o", out, env=env)
            return out

        def attack(kind, inp, out, *arg):
            run(sys.executable, os.path.join(ROOT, "tests", "tools", "pdf_attack.py"), kind, inp, out, *arg)
            return out

        t = lambda n: os.path.join(tmp, n)
        bb = sign(paths["tiny.pdf"], t("bb.pdf"), "--invisible", "--reason", "Persetujuan")
        bt = sign(paths["tiny.pdf"], t("bt.pdf"), "--page", "1", "--rect", "300,100,200,70", "--notice",
                  "--tsa", p["TSA_URL"])
        lta = sign(paths["tiny-objstm.pdf"], t("lta.pdf"), "--invisible", "--tsa", p["TSA_URL"], "--level", "B-LTA")
        field = sign(paths["tiny-field.pdf"], t("field.pdf"), "--field", "Tanda tangan 1", "--certify",
                     "--certify-level", "3")
        two = sign(bb, t("two.pdf"), "--invisible")
        seeds_verify = {
            "bb.pdf": bb, "bt.pdf": bt, "lta.pdf": lta, "certified-field.pdf": field, "two.pdf": two,
            "append-content.pdf": attack("append-content", bb, t("a1.pdf")),
            "add-annot.pdf": attack("add-annot", field, t("a2.pdf")),
            "range-offset.pdf": attack("range-offset", bb, t("a3.pdf")),
            "empty-contents.pdf": attack("empty-contents", bb, t("a4.pdf")),
        }
        shadow = attack("shadow-prepare", paths["tiny.pdf"], t("sp.pdf"))
        seeds_verify["shadow-reveal.pdf"] = attack("shadow-reveal", sign(shadow, t("sps.pdf"), "--invisible"),
                                                   t("sr.pdf"))
        for name, path in seeds_verify.items():
            write("fuzz_verify", name, read(path))

        for name in ["tiny.pdf", "tiny-field.pdf", "tiny-lines.pdf", "tiny-objstm.pdf", "tiny-encrypted.pdf"]:
            write("fuzz_pdf_plan", name, read(paths[name]))
        write("fuzz_pdf_plan", "signed.pdf", read(bb))
        write("fuzz_pdf_plan", "letter.pdf", read(os.path.join(ROOT, "tests", "data", "golden", "letter.pdf")))

        # DER: the fixed chain (tests/fuzz/data), OCSP answers, CRLs, a TSA's answer and its token, CMS.
        der = lambda pem: run("openssl", "x509", "-in", pem, "-outform", "DER")
        leaf, ca = der(os.path.join(ltv, "ltv-officer.pem")), der(os.path.join(ltv, "issuing.pem"))
        open(os.path.join(DATA, "leaf.der"), "wb").write(leaf)
        open(os.path.join(DATA, "ca.der"), "wb").write(ca)
        write("fuzz_der", "cert-leaf.der", leaf)
        write("fuzz_der", "cert-ca.der", ca)
        write("fuzz_der", "chain.pem", read(os.path.join(ltv, "chain.pem")))
        for who in ["ltv-officer", "ltv-revoked", "ltv-unknown"]:
            out = t("ocsp-%s.der" % who)
            run("openssl", "ocsp", "-issuer", os.path.join(ltv, "issuing.pem"), "-cert",
                os.path.join(ltv, who + ".pem"), "-url", p["OCSP_URL"], "-respout", out, "-noverify", env=env)
            write("fuzz_der", "ocsp-%s.der" % who.split("-")[1], read(out))
        write("fuzz_der", "crl-issuing.der", read(os.path.join(ltv, "crl", "issuing.crl")))
        write("fuzz_der", "crl-root.der", read(os.path.join(ltv, "crl", "root.crl")))
        msg = t("msg.txt")
        open(msg, "wb").write(b"bsre-fuzz\n")
        run("openssl", "ts", "-query", "-data", msg, "-sha256", "-cert", "-out", t("q.tsq"))
        run("curl", "-sS", "--noproxy", "*", "-H", "Content-Type: application/timestamp-query", "--data-binary",
            "@" + t("q.tsq"), "-o", t("r.tsr"), p["TSA_URL"])
        write("fuzz_der", "tsa-response.der", read(t("r.tsr")))
        run("openssl", "ts", "-reply", "-in", t("r.tsr"), "-token_out", "-out", t("token.der"))
        write("fuzz_der", "tsa-token.der", read(t("token.der")))
        write("fuzz_der", "cms-bb.der", contents(read(bb)))
        write("fuzz_der", "cms-bt.der", contents(read(bt)))
        write("fuzz_der", "doc-timestamp.der", contents(read(lta)))

        # PDF values as spelled, and one whole file.
        for i, v in enumerate([
                b"<< /Type /Sig /ByteRange [0 10 20 30] /Contents <00ff> /M (D:20261124133000+07'00') >>",
                b"<</A#20B 1 0 R/Kids[3 0 R 4 0 R]/N -1.25/S(a\\)b(c))/H<4142>/D<</E true>>>>",
                b"[ 1 0 R /Name (str) <ab> [1 2] << /K null >> 3.14 -2 ]",
                b"% a comment\n<< /Length 5 >>",
                b"12 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \n"
                b"trailer\n<< /Size 13 /Root 12 0 R >>\n"]):
            write("fuzz_raw_syntax", "value-%d.txt" % i, v)
        write("fuzz_raw_syntax", "tiny.pdf", read(paths["tiny.pdf"]))

        # Text to draw: byte 0 options, bytes 1-2 the box (fuzz_layout.cpp), then lines.
        texts = [
            (0x07, 110, 74, "Penguji Golden\nDitandatangani secara elektronik\nWaktu: 24-11-2026 13:30 WIB"),
            (0x03, 255, 44, "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat "
                            "elektronik yang diterbitkan oleh BSrE."),
            (0x01, 40, 20, "Ä Ö Ü ß é è ñ ç — “quotes” ‘x’ … € ½ ﬁ ﬂ\nA\u0308 e\u0301 (combining)"),
            (0x10, 100, 50, "Straße fi fl ffi AVATAR Wo To\nمرحبا\nשלום"),
            (0x04, 60, 60, "https://tte.example.go.id/verify/0123456789abcdef?x=1&y=2"),
            (0x29, 100, 40, "Nama yang sangat panjang sekali tanpa spasi: "
                            "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            (0x00, 5, 5, "\u4e2d\u6587 \U0001F600"),
            (0x00, 120, 80, ""),
        ]
        for i, (opt, w, h, text) in enumerate(texts):
            write("fuzz_layout", "text-%d.bin" % i, bytes([opt, w, h]) + text.encode("utf-8"))
    finally:
        subprocess.run([os.path.join(fixtures, "ltv-servers.sh"), "stop", ltv, pfile],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(tmp, ignore_errors=True)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(CORPUS) for f in fs)
    print("seeds: %d bytes in %s" % (total, CORPUS))


if __name__ == "__main__":
    main()
