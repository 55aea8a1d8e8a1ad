// libFuzzer target: the catalog checker on the text of one file (Catalog::check_text, the same
// reader Catalog::check runs on every file of a folder). It must never crash, and never reach
// its defensive catch: an "unexpected error" problem is an exception that escaped the reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/catalog.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto problems = hall::Catalog::check_text("000_contoh-dinas.json", text);
    for (const hall::CatalogProblem& p : problems) hall::fuzz::require(p.message.rfind("unexpected error", 0) != 0);
    (void)hall::format_problems(problems);
    return 0;
}
