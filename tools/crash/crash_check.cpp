// The checks are written in SQL where SQL says them best (duplicates, gaps, counts) and in C++
// where a reply must be matched exactly (the acknowledged ticket object must be the very object
// of an event, and the stored reply must be the reply the client got).
#include "tools/crash/crash_check.hpp"

#include <sqlite3.h>

#include <functional>

namespace hall::crash {

namespace {

// A read-only connection, closed on scope exit.
class ReadOnlyDb {
public:
    explicit ReadOnlyDb(const std::filesystem::path& file) {
        if (sqlite3_open_v2(file.c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            m_error = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            return;
        }
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~ReadOnlyDb() {
        if (m_db) sqlite3_close_v2(m_db);
    }
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    // Runs `sql` with text/int bindings; calls `row` for each result row. False on error.
    bool each(const std::string& sql, const std::vector<json>& binds, const std::function<void(sqlite3_stmt*)>& row) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            m_error = sqlite3_errmsg(m_db);
            return false;
        }
        for (std::size_t i = 0; i < binds.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            if (binds[i].is_number_integer()) sqlite3_bind_int64(stmt, index, binds[i].get<std::int64_t>());
            else sqlite3_bind_text(stmt, index, binds[i].get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
        }
        int rc = 0;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) row(stmt);
        if (rc != SQLITE_DONE) m_error = sqlite3_errmsg(m_db);
        sqlite3_finalize(stmt);
        return rc == SQLITE_DONE;
    }

private:
    sqlite3* m_db = nullptr;
    std::string m_error;
};

std::string text(sqlite3_stmt* s, int col) {
    const auto* p = sqlite3_column_text(s, col);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
}
std::int64_t integer(sqlite3_stmt* s, int col) { return sqlite3_column_int64(s, col); }

// The object an event and its reply share: the ticket, else the counter, in one canonical text.
std::string key_of(const std::string& action, const json& object) { return action + "|" + object.dump(); }

std::string describe(const Ack& a) {
    std::string s = a.type + " " + a.device + "/" + a.client + "#" + std::to_string(a.req);
    if (a.body.contains("ticket") && a.body["ticket"].is_object())
        s += " (ticket " + a.body["ticket"].value("number", std::string("?")) + " id " +
             std::to_string(a.body["ticket"].value("id", std::int64_t{0})) + " " +
             a.body["ticket"].value("state", std::string()) + ")";
    return s;
}

}  // namespace

void AckLog::add(Ack ack) {
    std::lock_guard lock(m_mutex);
    m_acks.push_back(std::move(ack));
}

std::vector<Ack> AckLog::copy() const {
    std::lock_guard lock(m_mutex);
    return m_acks;
}

std::size_t AckLog::size() const {
    std::lock_guard lock(m_mutex);
    return m_acks.size();
}

std::string event_action_of(const std::string& type) {
    if (type == "issue_ticket") return "issue";
    if (type == "call_next" || type == "call_ticket") return "call";
    return type;  // recall, start_serving, finish, no_show, transfer, hold, release, cancel, login, ...
}

std::vector<std::string> DatabaseChecker::check(const std::filesystem::path& db_file, const std::vector<Ack>& acks,
                                                bool full) {
    std::vector<std::string> v;
    ReadOnlyDb db(db_file);
    if (!db.ok()) return {"cannot open the database read-only: " + db.error()};
    auto run = [&](const std::string& sql, const std::vector<json>& binds, const std::function<void(sqlite3_stmt*)>& row) {
        if (!db.each(sql, binds, row)) v.push_back("query failed (" + db.error() + "): " + sql);
    };
    if (full) {
        m_acks_checked = 0;
        m_events_loaded = 0;
        m_event_keys.clear();
    }

    // The file itself.
    run("PRAGMA integrity_check", {}, [&](sqlite3_stmt* s) {
        if (text(s, 0) != "ok") v.push_back("integrity_check: " + text(s, 0));
    });
    run("PRAGMA foreign_key_check", {}, [&](sqlite3_stmt* s) {
        v.push_back("foreign key violation in table " + text(s, 0) + " row " + std::to_string(integer(s, 1)));
    });

    // Tickets: none lost, no number twice, no number skipped.
    DatabaseFigures f;
    run("SELECT COUNT(*), COALESCE(SUM(state = 'cancelled'), 0) FROM tickets", {}, [&](sqlite3_stmt* s) {
        f.tickets = integer(s, 0);
        f.cancelled = integer(s, 1);
    });
    if (f.tickets < m_tickets_seen)
        v.push_back("tickets vanished: the last check saw " + std::to_string(m_tickets_seen) + ", now " +
                    std::to_string(f.tickets));
    run("SELECT date, number, COUNT(*) FROM tickets GROUP BY date, number HAVING COUNT(*) > 1", {}, [&](sqlite3_stmt* s) {
        v.push_back("number " + text(s, 1) + " was issued " + std::to_string(integer(s, 2)) + " times on " + text(s, 0));
    });
    run("SELECT date, prefix, COUNT(*), MIN(seq), MAX(seq), COUNT(DISTINCT seq) FROM tickets GROUP BY date, prefix", {},
        [&](sqlite3_stmt* s) {
            const std::int64_t count = integer(s, 2), low = integer(s, 3), high = integer(s, 4), distinct = integer(s, 5);
            if (distinct != count)
                v.push_back("prefix " + text(s, 1) + " on " + text(s, 0) + ": a sequence number appears twice");
            if (low != 1 || high != count)
                v.push_back("prefix " + text(s, 1) + " on " + text(s, 0) + ": numbers skip (" + std::to_string(count) +
                            " tickets numbered " + std::to_string(low) + " to " + std::to_string(high) + ")");
        });
    run("SELECT n.date, n.prefix, n.last, (SELECT MAX(seq) FROM tickets t WHERE t.date = n.date AND t.prefix = n.prefix) "
        "FROM number_seq n",
        {}, [&](sqlite3_stmt* s) {
            if (sqlite3_column_type(s, 3) == SQLITE_NULL || integer(s, 2) != integer(s, 3))
                v.push_back("prefix " + text(s, 1) + " on " + text(s, 0) + ": the sequence handed out " +
                            std::to_string(integer(s, 2)) + " but the highest ticket is " + text(s, 3) +
                            " (a number allocated without its ticket)");
        });

    // Events: consecutive from 1, never shrinking, consistent with the tickets.
    std::int64_t event_max = 0;
    run("SELECT COUNT(*), COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0) FROM events", {}, [&](sqlite3_stmt* s) {
        f.events = integer(s, 0);
        event_max = integer(s, 2);
        if (integer(s, 0) != integer(s, 2) || (integer(s, 0) > 0 && integer(s, 1) != 1))
            v.push_back("event sequence numbers have gaps: " + std::to_string(integer(s, 0)) + " events numbered " +
                        std::to_string(integer(s, 1)) + " to " + std::to_string(integer(s, 2)));
    });
    if (event_max < m_events_loaded)
        v.push_back("events vanished: the last check saw sequence " + std::to_string(m_events_loaded) + ", now " +
                    std::to_string(event_max));
    run("SELECT id, number FROM tickets WHERE id NOT IN "
        "(SELECT json_extract(payload, '$.ticket.id') FROM events WHERE action = 'issue')",
        {}, [&](sqlite3_stmt* s) { v.push_back("ticket " + text(s, 1) + " (id " + text(s, 0) + ") has no issue event"); });
    run("WITH last AS (SELECT json_extract(payload, '$.ticket.id') AS tid, MAX(seq) AS seq FROM events "
        "WHERE json_extract(payload, '$.ticket.id') IS NOT NULL GROUP BY tid) "
        "SELECT t.number, t.state, json_extract(e.payload, '$.ticket.state') FROM tickets t JOIN last l ON l.tid = t.id "
        "JOIN events e ON e.seq = l.seq WHERE json_extract(e.payload, '$.ticket.state') <> t.state",
        {}, [&](sqlite3_stmt* s) {
            v.push_back("ticket " + text(s, 0) + " is " + text(s, 1) + " but its last event says " + text(s, 2));
        });

    // Idempotency: each ticket was made by exactly one stored issue request.
    std::int64_t issued_by_replies = 0;
    run("SELECT json_extract(reply, '$.body.ticket.id') AS tid, COUNT(*) FROM replies "
        "WHERE json_extract(reply, '$.body.ahead') IS NOT NULL GROUP BY tid",
        {}, [&](sqlite3_stmt* s) {
            ++issued_by_replies;
            if (integer(s, 1) != 1)
                v.push_back("ticket id " + text(s, 0) + " was returned by " + std::to_string(integer(s, 1)) +
                            " different issue requests");
        });
    if (issued_by_replies != f.tickets)
        v.push_back(std::to_string(f.tickets) + " tickets but " + std::to_string(issued_by_replies) +
                    " stored issue replies: a ticket exists without the request that made it, or the reverse");

    // Events new since the last check, keyed by the object they carry.
    run("SELECT seq, action, json_extract(payload, '$.ticket'), json_extract(payload, '$.counter') FROM events "
        "WHERE seq > ?1 ORDER BY seq",
        {json(m_events_loaded)}, [&](sqlite3_stmt* s) {
            m_events_loaded = std::max(m_events_loaded, integer(s, 0));
            const int col = sqlite3_column_type(s, 2) != SQLITE_NULL ? 2 : 3;
            if (sqlite3_column_type(s, col) == SQLITE_NULL) return;
            json object = json::parse(text(s, col), nullptr, false);
            if (!object.is_discarded()) ++m_event_keys[key_of(text(s, 1), object)];
        });

    // Every acknowledged reply: its change is in the events, and its exact reply is stored.
    for (std::size_t i = m_acks_checked; i < acks.size(); ++i) {
        const Ack& a = acks[i];
        const json* object = nullptr;
        if (a.body.contains("ticket") && a.body["ticket"].is_object()) object = &a.body["ticket"];
        else if (a.body.contains("counter") && a.body["counter"].is_object()) object = &a.body["counter"];
        if (object && !m_event_keys.count(key_of(event_action_of(a.type), *object)))
            v.push_back("acknowledged " + describe(a) + " is not in the events table");
        bool stored = false;
        run("SELECT reply FROM replies WHERE client = ?1 AND req = ?2", {json(a.device + "/" + a.client), json(a.req)},
            [&](sqlite3_stmt* s) {
                json reply = json::parse(text(s, 0), nullptr, false);
                stored = reply.is_object() && reply.value("ok", false) && reply.contains("body") && reply["body"] == a.body;
            });
        if (!stored) v.push_back("acknowledged " + describe(a) + ": its reply is not stored as it was sent");
        if (a.type == "issue_ticket") {
            const json& t = a.body["ticket"];
            bool found = false;
            run("SELECT number, date, token FROM tickets WHERE id = ?1", {json(t.value("id", std::int64_t{0}))},
                [&](sqlite3_stmt* s) {
                    found = text(s, 0) == t.value("number", std::string()) && text(s, 1) == t.value("date", std::string()) &&
                            text(s, 2) == t.value("token", std::string());
                });
            if (!found) v.push_back("acknowledged " + describe(a) + " is not in the tickets table as issued");
        }
    }
    m_acks_checked = acks.size();
    m_tickets_seen = std::max(m_tickets_seen, f.tickets);
    m_figures = f;
    return v;
}

}  // namespace hall::crash
