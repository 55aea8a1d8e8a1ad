// The audit log: who did what, when, and from which device, for every officer and admin action.
// Entries live in the `audit` table, which triggers make append-only (an UPDATE or DELETE is
// refused by the database itself). Entries are written in the same transaction as the action
// they record, so an entry exists exactly when its action was committed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "queue_server/store.hpp"

namespace hall::server {

struct AuditEntry {
    std::int64_t at = 0;                 // wall-clock milliseconds
    std::string device;                  // the client key's name, or "cli:<user>" for a command
    std::string role;                    // the key's role, or "cli"
    std::optional<std::string> address;  // the device's IP address, when known
    std::optional<std::string> officer;  // the officer acting (logged in at that device), if any
    std::string action;                  // the request type ("call_next") or command ("restore")
    std::string outcome = "ok";          // "ok", or "wrong_pin" / "locked" for refused logins
    std::optional<std::string> counter;
    std::optional<std::int64_t> ticket_id;
    std::optional<std::string> ticket;   // the ticket's number, e.g. "A-001"
    nlohmann::json detail = nlohmann::json::object();  // the other arguments; never a PIN
};

// Appends one entry inside the caller's transaction.
Status append_audit(Database& db, const AuditEntry& entry);

struct AuditQuery {
    int limit = 100;                      // 1 to kMaxAuditPage
    std::optional<std::int64_t> before;   // only entries with a smaller id (the next page)
    std::optional<std::string> officer;   // only this officer's entries
    std::optional<std::string> device;    // only this device's entries
};
constexpr int kMaxAuditPage = 1000;

// Reads an audit_list request body; bad_request names a wrongly typed or out-of-range field.
Result<AuditQuery> audit_query_from(const nlohmann::json& body);
// Newest first: {"entries": [...], "more": bool}. `more` says older entries remain; ask again
// with before = the last entry's id.
Result<nlohmann::json> list_audit(Database& db, const AuditQuery& query);

// "cli:<user>": the device name of entries written by queue_server's command line.
std::string command_line_device();

}  // namespace hall::server
