// The UNIQUE ticket_id column is the real guard against a second response; the check before the
// INSERT only turns the common case into a clear error instead of a constraint failure.
#include "queue_server/survey_store.hpp"

namespace hall::server {

bool survey_answered(Database& db, std::int64_t ticket_id) {
    Statement q(db, "SELECT 1 FROM survey_responses WHERE ticket_id = ?1");
    q.bind(1, ticket_id);
    return q.step();
}

namespace {

// One of today's tickets, by number or id: the kiosk only rates the day's tickets.
Result<std::int64_t> todays_ticket(Database& db, const nlohmann::json& body, const std::string& today) {
    auto it = body.find("ticket");
    if (it == body.end()) return make_error("bad_request", "field 'ticket' is required");
    if (it->is_number_integer()) {
        Statement q(db, "SELECT id FROM tickets WHERE id = ?1 AND date = ?2");
        q.bind(1, it->get<std::int64_t>()).bind(2, today);
        if (q.step()) return q.column_int(0);
        return make_error("unknown_ticket", "no ticket with id " + it->dump() + " today");
    }
    if (it->is_string()) {
        const std::string number = it->get<std::string>();
        Statement q(db, "SELECT id FROM tickets WHERE date = ?1 AND number = ?2");
        q.bind(1, today).bind(2, number);
        if (q.step()) return q.column_int(0);
        return make_error("unknown_ticket", "no ticket numbered " + number.substr(0, 16) + " today");
    }
    return make_error("bad_request", "field 'ticket' must be an id or a number like A-001");
}

}  // namespace

Result<nlohmann::json> survey_lookup(Database& db, const nlohmann::json& body, const std::string& today,
                                     const Catalog& catalog) {
    auto id = todays_ticket(db, body, today);
    if (!id) return id.error();
    Statement q(db, "SELECT number, service, state FROM tickets WHERE id = ?1");
    q.bind(1, *id);
    if (!q.step()) return make_error("unknown_ticket", "no such ticket");
    const std::string service = q.column_text(1);
    const std::string state = q.column_text(2);
    const Service* s = catalog.find_service(service);
    const char* survey = state != "done" ? "not_done" : survey_answered(db, *id) ? "answered" : "open";
    return nlohmann::json{{"ticket",
                           {{"id", *id},
                            {"number", q.column_text(0)},
                            {"service", service},
                            {"service_name", s ? s->name : service},
                            {"state", state}}},
                          {"survey", survey}};
}

Result<nlohmann::json> survey_submit(Database& db, const nlohmann::json& body, const std::string& today,
                                     std::int64_t now_ms) {
    auto id = todays_ticket(db, body, today);
    if (!id) return id.error();
    nlohmann::json survey = body;
    survey.erase("ticket");
    auto response = skm::parse_response(survey);
    if (!response) return response.error();
    return store_survey(db, *id, *response, SurveyChannel::kiosk, now_ms);
}

Result<nlohmann::json> store_survey(Database& db, std::int64_t ticket_id, const skm::Response& r, SurveyChannel channel,
                                    std::int64_t now_ms) {
    std::string state, date, service, number;
    {
        Statement q(db, "SELECT state, date, service, number FROM tickets WHERE id = ?1");
        q.bind(1, ticket_id);
        if (!q.step()) return make_error("unknown_ticket", "no such ticket");
        state = q.column_text(0);
        date = q.column_text(1);
        service = q.column_text(2);
        number = q.column_text(3);
    }
    if (state != "done")
        return make_error("survey_not_done", "ticket " + number + " is " + state + ": only a finished ticket can be rated");
    if (survey_answered(db, ticket_id))
        return make_error("survey_answered", "ticket " + number + " has already been rated");
    Statement q(db, "INSERT INTO survey_responses (ticket_id, date, service, at, channel, u1, u2, u3, u4, u5, u6, u7, "
                    "u8, u9, age, sex, education, occupation, suggestion) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                    "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)");
    q.bind(1, ticket_id).bind(2, date).bind(3, service).bind(4, now_ms);
    q.bind(5, channel == SurveyChannel::web ? "web" : "kiosk");
    for (int i = 0; i < skm::kElementCount; ++i) q.bind(6 + i, r.answers[static_cast<std::size_t>(i)]);
    q.bind(15, r.age ? std::optional<std::int64_t>(*r.age) : std::nullopt);
    q.bind(16, r.sex).bind(17, r.education).bind(18, r.occupation).bind(19, r.suggestion);
    if (!q.run()) return make_error("storage_error", "cannot store the survey: " + q.error());
    return nlohmann::json{{"ticket", {{"id", ticket_id}, {"number", number}, {"service", service}}}};
}

}  // namespace hall::server
