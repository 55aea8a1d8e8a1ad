// The hall's domain operations over the store: issue, call, serve, transfer, log in... Each
// request is applied inside the caller's transaction; every state change is appended to the
// events table with its sequence number and returned for publishing after the commit.
//
// The engine keeps no state of its own besides the configuration: everything lives in the
// database, so a rolled-back transaction leaves nothing stale behind.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/hall_config.hpp"
#include "common/protocol/protocol.hpp"
#include "queue_server/store.hpp"
#include "queue_server/ticket_rules.hpp"

namespace hall::server {

using json = nlohmann::json;
using Clock = std::function<std::int64_t()>;  // wall-clock milliseconds since the epoch

// Milliseconds since the epoch from the system clock.
std::int64_t system_clock_ms();

// Who sent a request, as authenticated by ZAP.
struct Caller {
    Caller() = default;
    Caller(std::string name_, proto::Role role_, std::string address_ = {})
        : name(std::move(name_)), role(role_), address(std::move(address_)) {}
    std::string name;  // the key's name on the allow-list
    proto::Role role = proto::Role::admin;
    std::string address;  // the peer's IP address, when the socket tells it (for the audit log)
};

// How the hall's date (the day whose numbers are being issued) follows the clock. Under both
// rules the date never goes back: a clock set back, even across midnight, keeps the day in
// progress and its numbering. `guard_jumps` (the server's rule) also keeps the day in progress
// when the clock leaps forward over midnight (more than kMaxClockStepMs between two readings)
// while tickets of that day are still open; the date then moves on once none is open, or when
// the clock next passes a midnight in small steps. Hand-moved test clocks use `follow_clock`.
enum class DayRule { follow_clock, guard_jumps };
constexpr std::int64_t kMaxClockStepMs = 5 * 60 * 1000;

// A failed operation: the wire error code and an English message.
struct EngineError {
    proto::ErrorCode code;
    std::string message;
};

class HallEngine {
public:
    HallEngine(Database& db, const HallConfig& config, const Catalog& catalog, Clock clock);

    // Ensures a row exists for every configured counter. Call once after opening the store.
    Status prepare();

    // Applies one decoded request. The caller holds a transaction (and a savepoint for this
    // request); on error it rolls the savepoint back. Appended events go to `events`. Every
    // change made by a counter or admin key is appended to the audit log in the same savepoint.
    Result<json> handle(const proto::Request& request, const Caller& caller, std::vector<json>& events);

    // The full hall state for today with the sequence it reflects.
    json snapshot();
    // Called about once a second inside a transaction: emits a `day` event when the hall's date
    // changes and `services` events when a service opens, closes or breaks.
    std::vector<json> tick();
    std::int64_t last_seq();

    // Officer management for the command line and admin requests. The PIN is hashed with
    // crypto_pwhash; it is 4 to 12 digits.
    Result<json> add_officer(const std::string& id, const std::string& name, const std::string& pin);

    // The local time now, in the hall's time zone.
    LocalTime now_local() const;
    // The hall's date: the day in progress, whose tickets are called and numbered (see DayRule).
    std::string today();
    void set_day_rule(DayRule rule) { m_day_rule = rule; }

private:
    struct Failure;
    Result<json> dispatch(const proto::Request& r, const Caller& caller, std::vector<json>& events);
    Status record_audit(const proto::Request& r, const Caller& caller, const std::optional<std::string>& officer,
                        const json& result);
    // Appends a `day` event when the hall's date moved since the last one.
    void announce_day(std::vector<json>& events);
    json ticket_json(std::int64_t id);
    json counter_json(const std::string& counter_id);
    json service_json(const std::string& service_id);
    json services_json();
    std::int64_t append_event(const std::string& action, json payload, std::vector<json>& events);

    Result<json> issue_ticket(const proto::Request& r, const Caller& caller, std::vector<json>& events);
    Result<json> call_next(const proto::Request& r, const Caller& caller, std::vector<json>& events);
    Result<json> call_ticket(const proto::Request& r, const Caller& caller, std::vector<json>& events);
    Result<json> counter_action(const proto::Request& r, const Caller& caller, TicketAction action,
                                std::vector<json>& events);
    Result<json> ticket_action(const proto::Request& r, const Caller& caller, TicketAction action,
                               std::vector<json>& events);
    Result<json> login(const proto::Request& r, const Caller& caller, std::vector<json>& events);
    Result<json> logout(const proto::Request& r, const Caller& caller, std::vector<json>& events);
    Result<json> pause_resume(const proto::Request& r, const Caller& caller, bool pause, std::vector<json>& events);
    // A counter is driven only by the device its officer logged in from (or by an admin).
    Status check_counter_owner(const std::string& counter_id, const Caller& caller);
    Result<json> ticket_info(const proto::Request& r);
    Result<json> officer_list();
    Result<json> report_print(const proto::Request& r, std::vector<json>& events);

    Database& m_db;
    const HallConfig& m_config;
    const Catalog& m_catalog;
    Clock m_clock;
    std::string m_last_date;
    std::string m_last_schedule;
    DayRule m_day_rule = DayRule::follow_clock;
    std::string m_day;                 // the hall's date, once read
    std::int64_t m_last_reading = 0;   // the clock's previous reading, for jump detection
    bool m_holding_day = false;        // the clock leapt over midnight and the day is kept
    bool m_day_frozen = false;         // inside a request or tick: today() does not move
};

}  // namespace hall::server
