// The notice's default words (docs/DESIGN.md; IT may change them by policy).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bsre {

inline constexpr const char* kDefaultNotice =
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
    "Balai Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.";

inline constexpr const char* kEnglishNotice =
    "This document has been signed electronically using an electronic certificate issued by the Balai Sertifikasi "
    "Elektronik (BSrE), Badan Siber dan Sandi Negara.";

inline constexpr const char* kUuIteLine =
    "Sesuai UU ITE No. 11 Tahun 2008 Pasal 5 ayat 1, informasi elektronik dan/atau dokumen elektronik dan/atau "
    "hasil cetaknya merupakan alat bukti hukum yang sah.";

// BSrE's name since its 2023 reorganisation, and the public verification page
// most 2026 footers point to.
inline constexpr const char* kNotice2026 =
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan oleh "
    "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.";
inline constexpr const char* kVerifyLine2026 =
    "Untuk memastikan keaslian tanda tangan elektronik, silakan pindai QR Code atau unggah dokumen pada laman "
    "https://tte.komdigi.go.id/verifyPDF";
inline constexpr const char* kEnglishNotice2026 =
    "This document has been signed electronically using an electronic certificate issued by the Balai Besar "
    "Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara.";
inline constexpr const char* kEnglishVerifyLine2026 =
    "To check the electronic signature, scan the QR code or upload the document at "
    "https://tte.komdigi.go.id/verifyPDF";

// The paragraphs of a preset: "id" and "en" (the wording the extension has
// always shipped), "id-2026" and "en-2026" (today's name and the verification
// line). Empty for an unknown name.
inline std::vector<std::string> noticePreset(std::string_view name)
{
    if (name == "id")
        return {kDefaultNotice};
    if (name == "en")
        return {kEnglishNotice};
    if (name == "id-2026")
        return {kNotice2026, kVerifyLine2026};
    if (name == "en-2026")
        return {kEnglishNotice2026, kEnglishVerifyLine2026};
    return {};
}

} // namespace bsre
