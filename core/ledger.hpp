// The usage ledger (docs/LEDGER.md): one JSON line per signing attempt on
// this desk, for the yearly report to BSrE. Never document content, text,
// file names, PINs or passwords. Append-only and crash-safe: a record is
// written whole with one write() and flushed; a torn last line is skipped by
// readers; each record carries the SHA-256 of the record before it, so a
// removed or edited record breaks the chain where it was.
#pragma once

#include "common/error.hpp"

#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace bsre {

struct LedgerRecord {
    std::string time;                  // UTC, "2026-12-03T05:04:05Z"
    bool signedOk = false;             // "signed", else "refused"
    std::string code;                  // the error code when refused (common/error.hpp)
    // The signer certificate (empty when the attempt failed before one was chosen).
    std::string fingerprint;           // SHA-256 of the DER, upper-case hex
    std::string name, issuer, serial, notAfter, organisation, unit;
    std::string level, levelAsked;     // "B-T" ...; empty when nothing was signed
    std::string source;                // Writer, Calc, Impress, Draw, PDF
    int pages = 0;
    bool visible = false, notice = false;
    std::string tool, version;         // "bsre-sign" or "extension", the product version
    std::string host, user;            // as IT's policy says: plain, "sha256:…", or empty
    std::string fileHash;              // only when the policy asks for hashed file names
    // Who held the key when it was not on the desk: "bsre-server <host>" for
    // a BSrE account (the service's address, never the NIK or e-mail).
    std::string keyHolder;
};

// How the desk is named in records (policy Ledger/Desk).
enum class DeskNaming { Both, Hashed, Neither };

// The desk's own file in `dir`: named by a hash of host and user, so no two
// desks (or users) ever write the same file and the name says nothing.
std::string ledgerFile(const std::string& dir, const std::string& host, const std::string& user);

// The host and user as records show them under `naming`.
std::pair<std::string, std::string> deskNames(DeskNaming naming, const std::string& host, const std::string& user);

// Appends one record to `file` (created 0640 with its folder). Locks the file
// against the same user's other processes, finds the last whole record for the
// chain, starts on a new line after a torn one, writes once, fdatasync()s.
// NSS must be initialised (SHA-256). Throws Error(Io) when it cannot.
void appendRecord(const std::string& file, LedgerRecord record);

// The JSON line of a record (no newline), with its sequence number and the
// hash of the record before it.
std::string recordLine(const LedgerRecord& r, unsigned long long seq, const std::string& prevHash);

// A line read back: nullopt when it is not a whole record of ours.
struct ReadRecord {
    LedgerRecord record;
    unsigned long long seq = 0;
    std::string prev; // hex SHA-256 of the record before it; empty for the first
};
std::optional<ReadRecord> parseRecord(std::string_view line);

// Hex SHA-256 of a record's line: the next record's "prev".
std::string lineHash(std::string_view line);

// Where the desk's ledger goes and how strict it is (IT's policy).
struct LedgerSettings {
    bool enabled = true;
    std::string dir;
    DeskNaming naming = DeskNaming::Both;
    bool require = false; // a ledger that cannot be written stops signing
    bool hashFileNames = false; // records carry "sha256:<hex>" of the input's file name
};

// One signing attempt, recorded once: signed, or refused with its code.
// Shared by the CLI and the extension.
class LedgerAttempt {
public:
    LedgerAttempt(LedgerSettings s, std::string tool, std::string version, std::string source,
                  std::string levelAsked, bool visible, bool notice);
    // Before the key is used: with `require`, a ledger that cannot be written
    // stops here (Io), with nothing signed.
    void requireWritable() const;
    void certificate(const std::string& der); // NSS must be up
    void keyHolder(std::string holder) { record_.keyHolder = std::move(holder); }
    // The input's file name, kept only as its hash and only when the policy asks.
    void fileName(const std::string& path);
    // Records the signature; a warning when the ledger could not be written
    // (with `require`, throws instead).
    std::optional<Warning> signedAs(const std::string& level, int pages);
    // Records a refusal; never throws (the refusal's own error goes on). A
    // refusal before NSS is up is not recorded (nothing could be hashed).
    void refused(Code code) noexcept;
    // The same, and the sentence in the support log.
    void refused(const Error& e) noexcept;

private:
    std::optional<Warning> append();
    LedgerSettings settings_;
    LedgerRecord record_;
    bool done_ = false;
};

// $XDG_DATA_HOME/bsre-sign/ledger, else ~/.local/share/bsre-sign/ledger.
std::string defaultLedgerFolder();

// The support log for IT (docs/CONFIGURATION.md): one line per failure with
// its code, the English sentence, the tool's and NSS's versions; never a PIN,
// a password or document text. $XDG_DATA_HOME/bsre-sign/support.log, moved to
// support.log.1 past 1 MiB. Never throws.
std::string supportLogFile();
void appendSupportLog(const std::string& tool, const std::string& version, const Error& e) noexcept;
// "hashed", "neither"; anything else: Both.
DeskNaming parseDeskNaming(std::string_view s) noexcept;

// The desk's host and user names, as the system knows them.
std::string hostName();
std::string userName();

} // namespace bsre
