// libqrencode returns one byte per module whose lowest bit is "dark"; the other bits describe
// the module's role, which nothing here needs.
#include "kiosk/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace hall::kiosk {

Result<QrMatrix> encode_qr(const std::string& payload, QrLevel level) {
    if (payload.empty()) return make_error("qr_encode", "a QR code needs a non-empty payload");
    QRecLevel ec = QR_ECLEVEL_M;
    switch (level) {
        case QrLevel::low: ec = QR_ECLEVEL_L; break;
        case QrLevel::medium: ec = QR_ECLEVEL_M; break;
        case QrLevel::quartile: ec = QR_ECLEVEL_Q; break;
        case QrLevel::high: ec = QR_ECLEVEL_H; break;
    }
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(payload.size()), reinterpret_cast<const unsigned char*>(payload.data()), 0, ec),
        &QRcode_free);
    if (!code) {
        return make_error("qr_encode", "libqrencode cannot encode " + std::to_string(payload.size()) +
                                           " bytes: " + std::strerror(errno));
    }
    QrMatrix matrix;
    matrix.size = code->width;
    matrix.modules.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
    for (std::size_t i = 0; i < matrix.modules.size(); ++i) matrix.modules[i] = (code->data[i] & 1) != 0;
    return matrix;
}

}  // namespace hall::kiosk
