// A failed synthesis or a missing sound card is logged once per kind and the announcement is
// finished anyway: the queue must keep moving, and the board still shows the call.
#include "display/announcer.hpp"

#include <chrono>
#include <exception>

#include "common/log.hpp"
#include "display/speech_synth.hpp"

namespace hall::display {

Announcer::Announcer(AnnouncementQueue& queue, VoiceSettings settings, std::unique_ptr<AudioOutput> output,
                     std::function<void()> on_change)
    : m_queue(queue),
      m_settings(settings),
      m_output(output ? std::move(output) : std::make_unique<SilentOutput>()),
      m_on_change(std::move(on_change)) {}

Announcer::~Announcer() { stop(); }

void Announcer::start() {
    if (m_thread.joinable()) return;
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void Announcer::stop() {
    if (!m_thread.joinable()) return;
    m_stop = true;
    m_thread.join();
}

void Announcer::run() {
    std::string last_error;
    while (!m_stop) {
        std::optional<Announcement> next = m_queue.take(std::chrono::milliseconds(250));
        if (!next) continue;
        if (m_on_change) m_on_change();
        const std::string sentence = next->sentence();
        log::info("voice", "announcing ticket " + next->number + " (seq " + std::to_string(next->seq) + "): " + sentence);
        if (!m_settings.mute && m_settings.volume > 0) {
            try {
                Result<Pcm> sound = announcement_sound(sentence, m_settings.volume);
                if (sound) {
                    m_output->play(*sound, m_stop);
                } else if (sound.error().message != last_error) {
                    last_error = sound.error().message;
                    log::error("voice", "cannot speak: " + last_error);
                }
            } catch (const std::exception& e) {  // defensive: nothing may stop the queue
                log::error("voice", std::string("announcement failed: ") + e.what());
            }
        }
        m_queue.finish();
        ++m_spoken;
        if (m_on_change) m_on_change();
    }
}

}  // namespace hall::display
