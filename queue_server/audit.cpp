// Writing and reading the audit log. The table's triggers, not this code, are what keep it
// append-only: nothing here could weaken that by mistake.
#include "queue_server/audit.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace hall::server {

using json = nlohmann::json;

Status append_audit(Database& db, const AuditEntry& e) {
    Statement q(db, "INSERT INTO audit (at, device, role, address, officer, action, outcome, counter, ticket_id, "
                    "ticket, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q.bind(1, e.at).bind(2, e.device).bind(3, e.role).bind(4, e.address).bind(5, e.officer).bind(6, e.action);
    q.bind(7, e.outcome).bind(8, e.counter).bind(9, e.ticket_id).bind(10, e.ticket);
    q.bind(11, e.detail.dump(-1, ' ', false, json::error_handler_t::replace));
    if (!q.run()) return make_error("storage_error", "cannot append to the audit log: " + q.error());
    return ok_status();
}

Result<AuditQuery> audit_query_from(const json& body) {
    AuditQuery query;
    if (auto it = body.find("limit"); it != body.end()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxAuditPage)
            return make_error("bad_request", "field 'limit' must be an integer from 1 to " + std::to_string(kMaxAuditPage));
        query.limit = it->get<int>();
    }
    if (auto it = body.find("before"); it != body.end()) {
        if (!it->is_number_integer()) return make_error("bad_request", "field 'before' must be an entry id");
        query.before = it->get<std::int64_t>();
    }
    for (const char* key : {"officer", "device"}) {
        auto it = body.find(key);
        if (it == body.end()) continue;
        if (!it->is_string() || it->get_ref<const std::string&>().empty())
            return make_error("bad_request", "field '" + std::string(key) + "' must be a non-empty string");
        (std::string(key) == "officer" ? query.officer : query.device) = it->get<std::string>();
    }
    return query;
}

Result<json> list_audit(Database& db, const AuditQuery& query) {
    // One row more than asked tells whether another page exists.
    Statement q(db, "SELECT id, at, device, role, address, officer, action, outcome, counter, ticket_id, ticket, detail "
                    "FROM audit WHERE (?1 IS NULL OR id < ?1) AND (?2 IS NULL OR officer = ?2) "
                    "AND (?3 IS NULL OR device = ?3) ORDER BY id DESC LIMIT ?4");
    q.bind(1, query.before).bind(2, query.officer).bind(3, query.device).bind(4, query.limit + 1);
    json entries = json::array();
    bool more = false;
    auto text_or_null = [&](int col) { return q.column_is_null(col) ? json(nullptr) : json(q.column_text(col)); };
    while (q.step()) {
        if (static_cast<int>(entries.size()) == query.limit) {
            more = true;
            break;
        }
        json detail = json::parse(q.column_text(11), nullptr, false);
        entries.push_back(json{
            {"id", q.column_int(0)},
            {"at", q.column_int(1)},
            {"device", q.column_text(2)},
            {"role", q.column_text(3)},
            {"address", text_or_null(4)},
            {"officer", text_or_null(5)},
            {"action", q.column_text(6)},
            {"outcome", q.column_text(7)},
            {"counter", text_or_null(8)},
            {"ticket_id", q.column_is_null(9) ? json(nullptr) : json(q.column_int(9))},
            {"ticket", text_or_null(10)},
            {"detail", detail.is_object() ? detail : json::object()},
        });
    }
    if (!q.ok()) return make_error("storage_error", "cannot read the audit log: " + q.error());
    return json{{"entries", std::move(entries)}, {"more", more}};
}

std::string command_line_device() {
    std::string user;
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) user = pw->pw_name;
    if (user.empty()) user = "uid" + std::to_string(::geteuid());
    return "cli:" + user;
}

}  // namespace hall::server
