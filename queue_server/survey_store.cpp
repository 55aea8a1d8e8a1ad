// The UNIQUE ticket_id column is the real guard against a second response; the check before the
// INSERT only turns the common case into a clear error instead of a constraint failure.
#include "queue_server/survey_store.hpp"

namespace hall::server {

bool survey_answered(Database& db, std::int64_t ticket_id) {
    Statement q(db, "SELECT 1 FROM survey_responses WHERE ticket_id = ?1");
    q.bind(1, ticket_id);
    return q.step();
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
