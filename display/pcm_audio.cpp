// The chime is additive synthesis: each note is a sine with two quieter partials (an octave and
// a twelfth above, as a struck bar rings), shaped by a 10 ms attack and an exponential decay.
// WAV files are the canonical 44-byte RIFF header followed by little-endian samples.
#include "display/pcm_audio.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

namespace hall::display {

namespace {

constexpr double kPi = 3.14159265358979323846;

void add_note(std::vector<double>& mix, int sample_rate, double start_s, double frequency, double length_s,
              double amplitude) {
    const std::size_t start = static_cast<std::size_t>(start_s * sample_rate);
    const std::size_t length = static_cast<std::size_t>(length_s * sample_rate);
    if (mix.size() < start + length) mix.resize(start + length, 0.0);
    for (std::size_t i = 0; i < length; ++i) {
        const double t = static_cast<double>(i) / sample_rate;
        const double attack = std::min(1.0, t / 0.010);
        const double decay = std::exp(-t * 3.2);
        const double release = std::min(1.0, (length_s - t) / 0.050);  // no click at the end
        const double wave = std::sin(2 * kPi * frequency * t) + 0.35 * std::sin(2 * kPi * 2 * frequency * t) +
                            0.12 * std::sin(2 * kPi * 3 * frequency * t);
        mix[start + i] += amplitude * attack * decay * release * wave / 1.47;
    }
}

void put16(std::ofstream& out, std::uint16_t v) {
    const char b[2] = {static_cast<char>(v & 0xFF), static_cast<char>(v >> 8)};
    out.write(b, 2);
}
void put32(std::ofstream& out, std::uint32_t v) {
    const char b[4] = {static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF),
                       static_cast<char>((v >> 16) & 0xFF), static_cast<char>(v >> 24)};
    out.write(b, 4);
}
std::uint32_t get32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t get16(const unsigned char* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

}  // namespace

Pcm chime(int sample_rate) {
    std::vector<double> mix;
    add_note(mix, sample_rate, 0.00, 659.26, 0.90, 0.55);  // E5: "ding"
    add_note(mix, sample_rate, 0.55, 523.25, 1.05, 0.55);  // C5: "dong"
    Pcm pcm;
    pcm.sample_rate = sample_rate;
    pcm.samples.reserve(mix.size());
    for (double v : mix) pcm.samples.push_back(static_cast<std::int16_t>(std::clamp(v, -1.0, 1.0) * 32767.0));
    return pcm;
}

void append_silence(Pcm& pcm, double seconds) {
    pcm.samples.resize(pcm.samples.size() + static_cast<std::size_t>(std::max(0.0, seconds) * pcm.sample_rate), 0);
}

void append(Pcm& pcm, const Pcm& more) {
    if (more.sample_rate == pcm.sample_rate || more.sample_rate <= 0) {
        pcm.samples.insert(pcm.samples.end(), more.samples.begin(), more.samples.end());
        return;
    }
    const double step = static_cast<double>(more.sample_rate) / pcm.sample_rate;
    const std::size_t count = static_cast<std::size_t>(more.samples.size() / step);
    for (std::size_t i = 0; i < count; ++i) {
        const double at = i * step;
        const std::size_t j = static_cast<std::size_t>(at);
        const double frac = at - static_cast<double>(j);
        const double a = more.samples[j];
        const double b = j + 1 < more.samples.size() ? more.samples[j + 1] : a;
        pcm.samples.push_back(static_cast<std::int16_t>(a + (b - a) * frac));
    }
}

void apply_volume(Pcm& pcm, int volume_percent) {
    const double gain = std::clamp(volume_percent, 0, 100) / 100.0;
    for (std::int16_t& s : pcm.samples) s = static_cast<std::int16_t>(std::lround(s * gain));
}

PcmStats measure(const Pcm& pcm) {
    PcmStats stats;
    stats.seconds = pcm.seconds();
    if (pcm.samples.empty()) return stats;
    double sum = 0;
    int peak = 0;
    for (std::int16_t s : pcm.samples) {
        sum += static_cast<double>(s) * s;
        peak = std::max(peak, std::abs(static_cast<int>(s)));
    }
    stats.rms = std::sqrt(sum / static_cast<double>(pcm.samples.size())) / 32768.0;
    stats.peak = peak / 32768.0;
    return stats;
}

Status write_wav(const Pcm& pcm, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) return make_error("wav_write", "cannot create " + file.string());
    const std::uint32_t data_bytes = static_cast<std::uint32_t>(pcm.samples.size() * 2);
    out.write("RIFF", 4);
    put32(out, 36 + data_bytes);
    out.write("WAVEfmt ", 8);
    put32(out, 16);                                          // fmt chunk size
    put16(out, 1);                                           // PCM
    put16(out, 1);                                           // mono
    put32(out, static_cast<std::uint32_t>(pcm.sample_rate));
    put32(out, static_cast<std::uint32_t>(pcm.sample_rate * 2));  // bytes per second
    put16(out, 2);                                           // bytes per frame
    put16(out, 16);                                          // bits per sample
    out.write("data", 4);
    put32(out, data_bytes);
    for (std::int16_t s : pcm.samples) put16(out, static_cast<std::uint16_t>(s));
    out.flush();
    if (!out) return make_error("wav_write", "cannot write " + file.string());
    return ok_status();
}

Result<Pcm> read_wav(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error("wav_read", "cannot open " + file.string());
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
        return make_error("wav_read", file.string() + " is not a WAV file");
    Pcm pcm;
    int channels = 0;
    int bits = 0;
    std::size_t at = 12;
    while (at + 8 <= bytes.size()) {
        const std::uint32_t size = get32(&bytes[at + 4]);
        const std::size_t body = at + 8;
        if (body + size > bytes.size()) break;
        if (std::memcmp(&bytes[at], "fmt ", 4) == 0 && size >= 16) {
            if (get16(&bytes[body]) != 1) return make_error("wav_read", file.string() + " is not PCM");
            channels = get16(&bytes[body + 2]);
            pcm.sample_rate = static_cast<int>(get32(&bytes[body + 4]));
            bits = get16(&bytes[body + 14]);
        } else if (std::memcmp(&bytes[at], "data", 4) == 0) {
            if (channels < 1 || bits != 16) return make_error("wav_read", file.string() + " is not 16-bit PCM");
            const std::size_t frame = static_cast<std::size_t>(channels) * 2;
            for (std::size_t i = body; i + frame <= body + size; i += frame)
                pcm.samples.push_back(static_cast<std::int16_t>(get16(&bytes[i])));
            return pcm;
        }
        at = body + size + (size & 1);
    }
    return make_error("wav_read", file.string() + " has no audio data");
}

}  // namespace hall::display
