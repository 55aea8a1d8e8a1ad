// The paper ticket's content is decided once, here, so that the printed ticket, its PNG
// preview and the tests all agree on what a visitor takes home.
#include "kiosk/ticket.hpp"

#include <algorithm>

#include "common/format.hpp"

namespace hall::kiosk {

namespace {

constexpr int kFontDots = 12;  // width of one character of ESC/POS font A

TicketElement text(std::string value, int scale = 1, bool bold = false, Align align = Align::center) {
    TicketElement e;
    e.kind = TicketElement::Kind::text;
    e.text = std::move(value);
    e.scale = scale;
    e.bold = bold;
    e.align = align;
    return e;
}

TicketElement rule() {
    TicketElement e;
    e.kind = TicketElement::Kind::rule;
    return e;
}

TicketElement feed(int lines) {
    TicketElement e;
    e.kind = TicketElement::Kind::feed;
    e.lines = lines;
    return e;
}

}  // namespace

std::string ticket_url(const std::string& public_url, const std::string& token) {
    std::string base = public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/t/" + token;
}

Result<IssuedTicket> ticket_from_reply(const nlohmann::json& body, const std::string& public_url) {
    if (!body.is_object() || !body.contains("ticket") || !body["ticket"].is_object()) {
        return make_error("bad_reply", "the reply has no ticket object");
    }
    const nlohmann::json& t = body["ticket"];
    IssuedTicket ticket;
    if (!t.contains("id") || !t["id"].is_number_integer()) return make_error("bad_reply", "the ticket has no id");
    if (!t.contains("number") || !t["number"].is_string() || t["number"].get<std::string>().empty()) {
        return make_error("bad_reply", "the ticket has no number");
    }
    if (!t.contains("token") || !t["token"].is_string() || t["token"].get<std::string>().empty()) {
        return make_error("bad_reply", "the ticket has no token");
    }
    ticket.id = t["id"].get<std::int64_t>();
    ticket.number = t["number"].get<std::string>();
    ticket.token = t["token"].get<std::string>();
    ticket.service_id = t.value("service", std::string());
    ticket.service_name = t.value("service_name", ticket.service_id);
    ticket.priority = t.value("priority", std::string("regular"));
    if (t.contains("issued_at") && t["issued_at"].is_number_integer()) ticket.issued_at_ms = t["issued_at"].get<std::int64_t>();
    if (body.contains("ahead") && body["ahead"].is_number_integer()) ticket.ahead = body["ahead"].get<int>();
    if (body.contains("est_wait_min") && body["est_wait_min"].is_number_integer()) {
        ticket.est_wait_min = body["est_wait_min"].get<int>();
    }
    ticket.url = ticket_url(public_url, ticket.token);
    return ticket;
}

int fitting_scale(std::size_t characters, int width_dots, int max_scale) {
    const std::size_t chars = std::max<std::size_t>(1, characters);
    int scale = max_scale;
    while (scale > 1 && static_cast<std::size_t>(scale * kFontDots) * chars > static_cast<std::size_t>(width_dots)) --scale;
    return std::max(1, scale);
}

TicketLayout ticket_layout(const IssuedTicket& ticket, const std::string& hall_name, int utc_offset_minutes,
                           int width_dots, Lang lang) {
    TicketLayout layout;
    auto& out = layout.elements;
    const LocalTime when = local_time(ticket.issued_at_ms, utc_offset_minutes);

    out.push_back(text(hall_name, 1, true));
    out.push_back(text(short_date(when) + "  " + clock_text(when)));
    out.push_back(rule());
    if (!ticket.agency_name.empty()) out.push_back(text(ticket.agency_name));
    out.push_back(text(ticket.service_name, 1, true));
    out.push_back(feed(1));
    out.push_back(text(tr("kiosk.paper.number", lang)));
    out.push_back(text(ticket.number, fitting_scale(ticket.number.size(), width_dots), true));
    if (ticket.priority != "regular") {
        out.push_back(text(fill(tr("kiosk.paper.priority", lang), {tr("kiosk.priority." + ticket.priority, lang)}), 1, true));
    }
    out.push_back(feed(1));
    if (ticket.ahead <= 0) out.push_back(text(tr("kiosk.ticket.ahead.none", lang)));
    else if (ticket.ahead == 1) out.push_back(text(tr("kiosk.ticket.ahead.one", lang)));
    else out.push_back(text(fill(tr("kiosk.ticket.ahead.many", lang), {std::to_string(ticket.ahead)})));
    out.push_back(text(fill(tr("kiosk.paper.wait", lang), {format::minutes(ticket.est_wait_min, lang)})));
    out.push_back(rule());
    out.push_back(text(tr("kiosk.paper.scan", lang)));
    TicketElement qr;
    qr.kind = TicketElement::Kind::qr;
    qr.text = ticket.url;
    out.push_back(qr);
    TicketElement link = text(ticket.url);
    link.small = true;  // a LAN link is about 50 characters: one line on 80 mm paper
    out.push_back(link);
    out.push_back(feed(1));
    out.push_back(text(tr("kiosk.paper.survey", lang), 1, true));
    out.push_back(text(tr("kiosk.paper.keep", lang)));
    out.push_back(feed(3));
    layout.qr_payload = ticket.url;
    return layout;
}

IssuedTicket sample_ticket(const std::string& public_url, std::int64_t now_ms) {
    IssuedTicket t;
    t.id = 14;
    t.number = "S-014";
    t.token = "5f2c9a41d07be3186ac4e29b7d13f068";
    t.service_id = "disperindag-pasuruan.surat-keterangan-asal";
    t.service_name = "Pengajuan Surat Keterangan Asal (SKA)";
    t.agency_name = "Dinas Perindustrian dan Perdagangan";
    t.priority = "regular";
    t.issued_at_ms = now_ms;
    t.ahead = 3;
    t.est_wait_min = 15;
    t.url = ticket_url(public_url, t.token);
    return t;
}

}  // namespace hall::kiosk
