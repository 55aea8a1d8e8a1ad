// What the fuzz targets share: a check that stops the run when a property fails. libFuzzer
// reports the abort as a crash and keeps the input, like any sanitizer finding.
#pragma once
#include <cstdlib>

namespace hall::fuzz {

inline void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace hall::fuzz
