// Sound as plain samples: 16-bit mono PCM, the chime that precedes every call (generated here,
// no sound file is shipped), volume, measurements (length, RMS, peak) and WAV files for
// checking an announcement without a sound card. No SDL and no speech engine in here.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "common/result.hpp"

namespace hall::display {

struct Pcm {
    int sample_rate = 22050;
    std::vector<std::int16_t> samples;  // mono

    double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

// The two-tone "ding-dong" that makes heads turn before a call: two bell-like notes (E5 then C5)
// with a soft attack and a ringing decay, about 1.6 s, peaking at about 55% of full scale.
Pcm chime(int sample_rate);

// Appends `seconds` of silence.
void append_silence(Pcm& pcm, double seconds);
// Appends `more` (same sample rate expected; a different one is resampled linearly).
void append(Pcm& pcm, const Pcm& more);
// Scales every sample by volume_percent / 100 (0..100; clamped).
void apply_volume(Pcm& pcm, int volume_percent);

struct PcmStats {
    double seconds = 0;
    double rms = 0;   // root mean square, 0..1 of full scale
    double peak = 0;  // 0..1 of full scale
};
PcmStats measure(const Pcm& pcm);

// Writes a 16-bit mono PCM WAV file; "wav_write" with the reason on failure.
Status write_wav(const Pcm& pcm, const std::filesystem::path& file);
// Reads a 16-bit PCM WAV file (mono, or the first channel of stereo); "wav_read" on failure.
Result<Pcm> read_wav(const std::filesystem::path& file);

}  // namespace hall::display
