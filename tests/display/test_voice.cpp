// The voice: the chime, WAV files, espeak-ng's Indonesian speech, the announcer playing one
// announcement at a time in order, and `display --say ... --wav FILE` making a WAV that is
// neither silent nor implausibly short or long.
#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "display/announcer.hpp"
#include "display/pcm_audio.hpp"
#include "display/speech_synth.hpp"

using namespace hall::display;
namespace fs = std::filesystem;

namespace {

fs::path temp_file(const std::string& name) {
    std::random_device rd;
    return fs::temp_directory_path() / ("hall_display_" + std::to_string(rd()) + "_" + name);
}

// Plays nothing but records what it was given, and whether two sounds ever overlapped.
class RecordingOutput final : public AudioOutput {
public:
    explicit RecordingOutput(std::vector<double>& lengths, std::atomic<int>& overlaps)
        : m_lengths(lengths), m_overlaps(overlaps) {}
    bool play(const Pcm& pcm, const std::atomic<bool>&) override {
        if (++m_playing > 1) ++m_overlaps;
        m_lengths.push_back(pcm.seconds());
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        --m_playing;
        return true;
    }

private:
    std::vector<double>& m_lengths;
    std::atomic<int>& m_overlaps;
    std::atomic<int> m_playing{0};
};

}  // namespace

TEST_CASE("the chime is two audible notes of about a second and a half", "[display][voice]") {
    Pcm sound = chime(22050);
    PcmStats stats = measure(sound);
    CHECK(stats.seconds > 1.2);
    CHECK(stats.seconds < 2.5);
    CHECK(stats.rms > 0.05);
    CHECK(stats.peak < 0.99);  // never clipped
    // It ends in silence, without a click.
    CHECK(std::abs(sound.samples.back()) < 200);
}

TEST_CASE("volume scales and a WAV file reads back the same", "[display][voice]") {
    Pcm sound = chime(16000);
    Pcm half = sound;
    apply_volume(half, 50);
    CHECK(measure(half).rms == Approx(measure(sound).rms * 0.5).epsilon(0.01));
    Pcm mute = sound;
    apply_volume(mute, 0);
    CHECK(measure(mute).rms == 0.0);

    const fs::path file = temp_file("roundtrip.wav");
    REQUIRE(write_wav(half, file));
    auto back = read_wav(file);
    REQUIRE(back);
    CHECK(back->sample_rate == 16000);
    CHECK(back->samples == half.samples);
    fs::remove(file);
    CHECK_FALSE(read_wav(file));
}

TEST_CASE("espeak-ng speaks Indonesian offline", "[display][voice]") {
    auto speech = speak_indonesian("Nomor antrian, a seratus dua puluh tiga, silakan menuju loket tiga.");
    REQUIRE(speech);
    PcmStats stats = measure(*speech);
    CHECK(speech->sample_rate > 8000);
    CHECK(stats.seconds > 2.0);
    CHECK(stats.seconds < 12.0);
    CHECK(stats.rms > 0.02);
    // A longer sentence takes longer to say.
    auto longer = speak_indonesian("Panggilan ulang, nomor antrian, a be seribu sembilan ratus sembilan puluh "
                                   "sembilan, silakan menuju loket dua belas.");
    REQUIRE(longer);
    CHECK(longer->seconds() > speech->seconds());
}

TEST_CASE("the announcer speaks each announcement once, in order, never two at once", "[display][voice]") {
    AnnouncementQueue queue;
    std::vector<double> lengths;
    std::atomic<int> overlaps{0};
    std::atomic<int> changes{0};
    Announcer announcer(queue, VoiceSettings{80, false}, std::make_unique<RecordingOutput>(lengths, overlaps),
                        [&] { ++changes; });
    // Three counters call at once.
    for (int i = 1; i <= 3; ++i) {
        Announcement a;
        a.ticket_id = i;
        a.seq = 10 + i;
        a.called_at = 1000 + i;
        a.number = "A-00" + std::to_string(i);
        a.counter_name = "Loket " + std::to_string(i);
        REQUIRE(queue.push(a));
    }
    announcer.start();
    for (int i = 0; i < 3000 && announcer.spoken() < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    announcer.stop();
    REQUIRE(announcer.spoken() == 3);
    auto finished = queue.finished();
    REQUIRE(finished.size() == 3);
    CHECK(finished[0].number == "A-001");
    CHECK(finished[1].number == "A-002");
    CHECK(finished[2].number == "A-003");
    REQUIRE(lengths.size() == 3);
    for (double seconds : lengths) CHECK(seconds > 2.0);  // chime + sentence
    CHECK(overlaps == 0);
    CHECK(changes >= 6);  // a start and an end each
}

TEST_CASE("a muted announcer still works through its queue, silently", "[display][voice]") {
    AnnouncementQueue queue;
    std::vector<double> lengths;
    std::atomic<int> overlaps{0};
    Announcer announcer(queue, VoiceSettings{80, true}, std::make_unique<RecordingOutput>(lengths, overlaps));
    Announcement a;
    a.ticket_id = 1;
    a.seq = 1;
    a.number = "B-001";
    a.counter_name = "Loket 1";
    queue.push(a);
    announcer.start();
    for (int i = 0; i < 500 && announcer.spoken() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    announcer.stop();
    CHECK(announcer.spoken() == 1);
    CHECK(lengths.empty());
}

TEST_CASE("display --say prints the sentence and --wav writes audible speech", "[display][voice][cli]") {
    const fs::path binary = fs::path(HALL_BIN_DIR) / "display";
    REQUIRE(fs::exists(binary));
    const fs::path wav = temp_file("a123.wav");
    const std::string command = binary.string() + " --say A123 \"Loket 3\" --wav " + wav.string() + " 2>/dev/null";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::array<char, 512> buffer{};
    while (fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
    const int status = pclose(pipe);
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(out == "Nomor antrian, a seratus dua puluh tiga, silakan menuju loket tiga.\n");

    auto sound = read_wav(wav);
    REQUIRE(sound);
    PcmStats stats = measure(*sound);
    INFO("seconds " << stats.seconds << ", rms " << stats.rms << ", peak " << stats.peak);
    CHECK(stats.seconds > 2.0);
    CHECK(stats.seconds < 15.0);
    CHECK(stats.rms > 0.02);
    CHECK(stats.peak > 0.2);
    // Speech follows the chime: the second after the chime is not silent either.
    Pcm after_chime;
    after_chime.sample_rate = sound->sample_rate;
    const std::size_t from = static_cast<std::size_t>(2.0 * sound->sample_rate);
    const std::size_t to = std::min(sound->samples.size(), from + static_cast<std::size_t>(sound->sample_rate));
    after_chime.samples.assign(sound->samples.begin() + static_cast<long>(from), sound->samples.begin() + static_cast<long>(to));
    CHECK(measure(after_chime).rms > 0.01);
    fs::remove(wav);

    // A wrong call is refused with a clear error.
    FILE* bad = popen((binary.string() + " --say 2>&1").c_str(), "r");
    REQUIRE(bad);
    std::string bad_out;
    while (fgets(buffer.data(), buffer.size(), bad)) bad_out += buffer.data();
    CHECK(WEXITSTATUS(pclose(bad)) == 2);
    CHECK(bad_out.find("Perintah tidak lengkap") != std::string::npos);

    // Without --wav the call is played; with no sound output that is an error, in words.
    FILE* mute = popen(("SDL_AUDIODRIVER=no-such-driver " + binary.string() + " --say A-001 \"Loket 1\" 2>&1").c_str(), "r");
    REQUIRE(mute);
    std::string mute_out;
    while (fgets(buffer.data(), buffer.size(), mute)) mute_out += buffer.data();
    CHECK(WEXITSTATUS(pclose(mute)) == 1);
    CHECK(mute_out.find("No sound output") != std::string::npos);
}
