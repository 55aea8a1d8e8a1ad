// SDL's queued audio (SDL_QueueAudio) is used rather than a callback: the announcer hands over
// the whole announcement at once and polls how much is left, and SDL converts the 22 kHz mono
// samples to whatever the device wants. The audio subsystem is initialised on its own, so it
// works next to the shell's video and in a program with no window, and only while an
// announcement plays: SDL's ALSA driver keeps a thread that looks for new devices every second
// for as long as the subsystem is up, which an idle board does not need.
#include "display/audio_output.hpp"

#include <SDL.h>

#include <chrono>
#include <string>
#include <thread>

#include "common/log.hpp"

namespace hall::display {

namespace {

// SDL's audio subsystem, up for the lifetime of this object.
class AudioSubsystem {
public:
    AudioSubsystem() : m_up(SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {}
    ~AudioSubsystem() {
        if (m_up) SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    AudioSubsystem(const AudioSubsystem&) = delete;
    AudioSubsystem& operator=(const AudioSubsystem&) = delete;
    bool up() const { return m_up; }

private:
    bool m_up;
};

class SdlAudioOutput final : public AudioOutput {
public:
    bool play(const Pcm& pcm, const std::atomic<bool>& stop) override {
        if (pcm.samples.empty()) return true;
        const AudioSubsystem audio;
        if (!audio.up()) {
            log_once(std::string("no sound output: ") + SDL_GetError());
            return false;
        }
        SDL_AudioSpec want{};
        want.freq = pcm.sample_rate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 2048;
        SDL_AudioSpec have{};
        const SDL_AudioDeviceID device = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
        if (device == 0) {
            log_once(std::string("cannot open the sound device: ") + SDL_GetError());
            return false;
        }
        bool ok = SDL_QueueAudio(device, pcm.samples.data(), static_cast<Uint32>(pcm.samples.size() * 2)) == 0;
        if (!ok) log_once(std::string("cannot queue sound: ") + SDL_GetError());
        SDL_PauseAudioDevice(device, 0);
        while (ok && !stop && SDL_GetQueuedAudioSize(device) > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        // The device's own buffer still holds the last fraction of a second.
        if (ok && !stop) std::this_thread::sleep_for(std::chrono::milliseconds(1000 * want.samples / want.freq + 50));
        SDL_CloseAudioDevice(device);
        return ok;
    }

private:
    void log_once(const std::string& message) {
        if (message == m_last_error) return;
        m_last_error = message;
        log::error("voice", message);
    }
    std::string m_last_error;
};

}  // namespace

std::unique_ptr<AudioOutput> make_sound_card_output() {
    const AudioSubsystem audio;  // is there any sound output here at all?
    if (!audio.up()) {
        log::warn("voice", std::string("no sound output (") + SDL_GetError() + "): calls are shown, not spoken");
        return std::make_unique<SilentOutput>();
    }
    log::info("voice", std::string("sound output through SDL audio driver ") +
                           (SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?"));
    return std::make_unique<SdlAudioOutput>();
}

}  // namespace hall::display
