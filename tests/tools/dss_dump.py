#!/usr/bin/env python3
"""Writes the Document Security Store of a PDF to files, read with `qpdf
--json=2` (independent of the engine's Poppler reader). For tests/test_ltv.cpp.

    dss_dump.py FILE.pdf OUTDIR

Creates OUTDIR/cert-N.der, OUTDIR/ocsp-N.der, OUTDIR/crl-N.der (decoded
stream data, N from 0 in array order) and prints one summary line per kind:
    CERTS n
    OCSPS n
    CRLS n
    VRI key certs ocsps crls     (one line per VRI entry: counts of its arrays)
Exit status 1 when the catalog has no /DSS.
"""
import base64, json, os, subprocess, sys


def main(path, outdir):
    doc = json.loads(subprocess.check_output(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", path]))
    objects = doc["qpdf"][1]
    trailer = objects["trailer"]["value"]

    def deref(v):
        if isinstance(v, str) and v.endswith(" R"):
            return objects["obj:" + v]
        return v

    root = deref(trailer["/Root"])["value"]
    if "/DSS" not in root:
        print("no /DSS in the catalog")
        return 1
    dss = deref(root["/DSS"])
    dss = dss.get("value", dss)
    os.makedirs(outdir, exist_ok=True)
    for key, stem, label in (("/Certs", "cert", "CERTS"), ("/OCSPs", "ocsp", "OCSPS"), ("/CRLs", "crl", "CRLS")):
        items = dss.get(key, [])
        for n, ref in enumerate(items):
            stream = deref(ref)["stream"]
            with open(os.path.join(outdir, "%s-%d.der" % (stem, n)), "wb") as f:
                f.write(base64.b64decode(stream["data"]))
        print(label, len(items))
    vri = deref(dss.get("/VRI", {}))
    vri = vri.get("value", vri)
    for key, entry in vri.items():
        entry = deref(entry)
        entry = entry.get("value", entry)
        print("VRI", key.lstrip("/"), len(entry.get("/Cert", [])), len(entry.get("/OCSP", [])),
              len(entry.get("/CRL", [])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
