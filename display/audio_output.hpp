// Where the announcer's sound goes: the machine's sound card through SDL audio, or nowhere
// (muted, or no sound card: the board still shows every call).
#pragma once
#include <atomic>
#include <memory>

#include "display/pcm_audio.hpp"

namespace hall::display {

class AudioOutput {
public:
    virtual ~AudioOutput() = default;
    // Plays `pcm` to the end (or until `stop` becomes true) and returns; blocks the caller's
    // thread (the announcer's), never the UI's. False when it could not be played.
    virtual bool play(const Pcm& pcm, const std::atomic<bool>& stop) = 0;
};

// Plays nothing, at once.
class SilentOutput final : public AudioOutput {
public:
    bool play(const Pcm&, const std::atomic<bool>&) override { return true; }
};

// The default SDL audio device, opened (SDL's audio subsystem included) for each announcement
// and closed after it, so that an idle board keeps no audio thread busy. Returns a SilentOutput
// (and logs why) when SDL has no audio device here.
std::unique_ptr<AudioOutput> make_sound_card_output();

}  // namespace hall::display
