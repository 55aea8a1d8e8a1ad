// SKM answers in the database: one response per ticket, and only a finished (done) ticket may be
// rated. Runs on the server's write connection, inside the caller's transaction.
#pragma once
#include <cstdint>

#include <nlohmann/json.hpp>

#include "common/catalog.hpp"
#include "common/result.hpp"
#include "queue_server/skm.hpp"
#include "queue_server/store.hpp"

namespace hall::server {

enum class SurveyChannel { web, kiosk };

// Stores `response` for ticket `ticket_id`. Errors (wire codes): unknown_ticket;
// survey_not_done (the ticket is not done); survey_answered (the ticket already has a response);
// storage_error. Returns {"ticket": {"id","number","service"}} on success.
Result<nlohmann::json> store_survey(Database& db, std::int64_t ticket_id, const skm::Response& response,
                                    SurveyChannel channel, std::int64_t now_ms);

// True when the ticket already has a survey response.
bool survey_answered(Database& db, std::int64_t ticket_id);

// The kiosk's "Isi Survei" (PROTOCOL.md: survey_lookup, survey_submit). `body.ticket` names one
// of today's tickets by its number ("A-001") or id; `today` is the hall's date.
// survey_lookup: {"ticket": {"id","number","service","service_name","state"},
//                 "survey": "open" | "not_done" | "answered"}; unknown_ticket, bad_request.
Result<nlohmann::json> survey_lookup(Database& db, const nlohmann::json& body, const std::string& today,
                                     const Catalog& catalog);
// survey_submit: the body also holds the survey (skm::parse_response's fields); stores it
// as store_survey does (channel kiosk).
Result<nlohmann::json> survey_submit(Database& db, const nlohmann::json& body, const std::string& today,
                                     std::int64_t now_ms);

}  // namespace hall::server
