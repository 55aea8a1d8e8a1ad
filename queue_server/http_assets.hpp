// The web pages' files (HTML, CSS, JavaScript from queue_server/web/), compiled into the server
// by a build step (queue_server/embed_web_assets.cmake): an installed server needs no asset path.
#pragma once
#include <string_view>

namespace hall::web {

struct Asset {
    std::string_view name;          // file name in queue_server/web/, e.g. "ticket.js"
    std::string_view content_type;  // e.g. "text/javascript; charset=utf-8"
    std::string_view data;
};

// The asset with that file name, or nullptr.
const Asset* find_asset(std::string_view name);

}  // namespace hall::web
