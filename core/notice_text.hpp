// The notice's default words (docs/DESIGN.md; IT may change them by policy).
#pragma once

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

} // namespace bsre
