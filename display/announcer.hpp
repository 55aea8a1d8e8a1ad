// The announcer: a worker thread that takes the display's announcements one by one, in call
// order, renders each (chime and Indonesian sentence) and plays it to the end before the next,
// so two calls never overlap. Muted, it still takes and finishes each one (nothing piles up).
// The UI thread never waits for it.
#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "display/announcement_queue.hpp"
#include "display/audio_output.hpp"

namespace hall::display {

struct VoiceSettings {
    int volume = 80;  // 0..100, from [display] volume
    bool mute = false;
};

class Announcer {
public:
    // `on_change` (optional) runs on the announcer's thread when an announcement starts and
    // when it ends.
    Announcer(AnnouncementQueue& queue, VoiceSettings settings, std::unique_ptr<AudioOutput> output,
              std::function<void()> on_change = {});
    ~Announcer();
    Announcer(const Announcer&) = delete;
    Announcer& operator=(const Announcer&) = delete;

    void start();
    // Stops after the sound in progress is cut short; announcements still queued stay queued.
    void stop();
    // Announcements finished by this announcer.
    std::size_t spoken() const { return m_spoken.load(); }

private:
    void run();

    AnnouncementQueue& m_queue;
    VoiceSettings m_settings;
    std::unique_ptr<AudioOutput> m_output;
    std::function<void()> m_on_change;
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_spoken{0};
    std::thread m_thread;
};

}  // namespace hall::display
