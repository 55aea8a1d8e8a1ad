// A ticket the server issued, and the layout of its paper form. The layout is a list of
// elements (text lines with a size and an alignment, rules, the QR code, feeds) that both
// renderers follow: ESC/POS bytes for the printer (escpos.hpp) and a PNG preview
// (ticket_png.hpp). Building it is a pure function of the ticket and the language.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "kiosk/kiosk_strings.hpp"

namespace hall::kiosk {

// What the kiosk knows about a ticket the server confirmed.
struct IssuedTicket {
    std::int64_t id = 0;
    std::string number;        // "C-014"
    std::string token;         // the secret of its QR link
    std::string service_id;
    std::string service_name;
    std::string agency_name;
    std::string priority = "regular";  // regular, elderly, disability, pregnant, child
    std::int64_t issued_at_ms = 0;
    int ahead = 0;
    int est_wait_min = 0;
    std::string url;           // <public_url>/t/<token>
};

// The ticket's LAN page: `public_url` without a trailing '/', then "/t/" and the token.
std::string ticket_url(const std::string& public_url, const std::string& token);

// Reads an issue_ticket (or ticket_info) reply body: its "ticket", "ahead" and "est_wait_min".
// Fails with "bad_reply" when the ticket has no id, number or token. Names the catalog does not
// know are left for the caller to fill in.
Result<IssuedTicket> ticket_from_reply(const nlohmann::json& body, const std::string& public_url);

enum class Align { left, center };

// One element of a paper ticket, from top to bottom.
struct TicketElement {
    enum class Kind { text, rule, qr, feed };
    Kind kind = Kind::text;
    std::string text;  // text: UTF-8, wrapped by the renderer; qr: the payload
    int scale = 1;     // text: 1..8 times the printer's 12x24-dot font, in both directions
    bool bold = false;
    bool small = false;  // text: the printer's small font B (9x17 dots): 64 columns on 80 mm paper
    Align align = Align::center;
    int lines = 1;     // feed: empty lines
};

struct TicketLayout {
    std::vector<TicketElement> elements;
    // The QR payload (also in the qr element), for checks.
    std::string qr_payload;
};

// What goes on the paper: the hall's name, date and time, the agency and service, the number
// very large, priority, people ahead and the estimated wait, the QR code with the line inviting
// the SKM survey, the link in text. `width_dots` (384 for 58 mm, 576 for 80 mm) only decides
// how large the number may be.
TicketLayout ticket_layout(const IssuedTicket& ticket, const std::string& hall_name, int utc_offset_minutes,
                           int width_dots, Lang lang);

// The largest text scale (1..max_scale) at which `characters` characters of the 12-dot font fit
// in `width_dots`.
int fitting_scale(std::size_t characters, int width_dots, int max_scale = 6);

// A sample ticket for previews and screenshots without a server.
IssuedTicket sample_ticket(const std::string& public_url, std::int64_t now_ms);

}  // namespace hall::kiosk
