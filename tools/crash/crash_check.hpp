// What the crash tool checks after each SIGKILL: the server's database, opened read-only while
// no server runs, against every reply its clients were given (a reply is what a person saw:
// a printed number, a call on the TV). The promise checked is the hall's: no acknowledged
// ticket or transition is lost, no number is issued twice, no number is skipped, and the file
// is sound.
#pragma once
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace hall::crash {

using json = nlohmann::json;

// One reply a client received.
struct Ack {
    std::string device;  // the key name the request was sent with
    std::string client;  // the request's client id
    std::int64_t req = 0;
    std::string type;    // the request type, e.g. "issue_ticket"
    json body;           // the reply body
};

// The replies of every client thread, in arrival order.
class AckLog {
public:
    void add(Ack ack);
    std::vector<Ack> copy() const;
    std::size_t size() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Ack> m_acks;
};

// Figures of the database at the last check.
struct DatabaseFigures {
    std::int64_t tickets = 0;
    std::int64_t events = 0;
    std::int64_t cancelled = 0;
};

// Checks a hall database against the acknowledged replies. It remembers what it already
// verified, so each check reads only what is new, unless `full` is set (then everything is
// verified again from scratch).
class DatabaseChecker {
public:
    // The violations found, one clear sentence each; empty when all is well.
    std::vector<std::string> check(const std::filesystem::path& db_file, const std::vector<Ack>& acks, bool full);
    const DatabaseFigures& figures() const { return m_figures; }

private:
    std::size_t m_acks_checked = 0;
    std::int64_t m_events_loaded = 0;  // events up to this seq are in m_event_keys
    std::int64_t m_tickets_seen = 0;   // tickets never disappear
    std::unordered_map<std::string, int> m_event_keys;  // action + object -> how many events
    DatabaseFigures m_figures;
};

// The event action a successful request of `type` appends.
std::string event_action_of(const std::string& type);

}  // namespace hall::crash
