// QR codes from libqrencode's matrix: the ticket's raster fallback on paper, the PNG preview
// and the code on the kiosk's screen are all drawn from the same modules.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"

namespace hall::kiosk {

// Error correction level of a QR code (the same four levels ESC/POS knows).
enum class QrLevel { low, medium, quartile, high };

// A square matrix of modules, row by row; true = dark. No quiet zone included.
struct QrMatrix {
    int size = 0;
    std::vector<bool> modules;
    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};

// Encodes `payload` (bytes, 8-bit mode) in the smallest version that holds it.
// Fails with "qr_encode" when libqrencode refuses (empty or too long).
Result<QrMatrix> encode_qr(const std::string& payload, QrLevel level = QrLevel::medium);

// The number of modules a quiet zone adds on each side (the standard asks for four).
constexpr int kQrQuietModules = 4;

}  // namespace hall::kiosk
