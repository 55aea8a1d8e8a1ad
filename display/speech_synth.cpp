// espeak-ng is used through its classic API in synchronous retrieval mode: espeak_Synth returns
// once the whole text is synthesised, having passed the samples to a callback, which appends
// them to the buffer of the call in progress (a process-wide engine, hence the one mutex).
// espeakINITIALIZE_DONT_EXIT keeps a missing data folder from ending the program.
#include "display/speech_synth.hpp"

#include <espeak-ng/speak_lib.h>

#include <mutex>
#include <string>
#include <vector>

#include "common/log.hpp"

namespace hall::display {

namespace {

constexpr int kRateWordsPerMinute = 145;  // a little slower than espeak's 175: clearer in a hall
constexpr double kPauseAfterChime = 0.35;

std::mutex g_engine;
std::vector<short>* g_target = nullptr;  // the buffer of the synthesis in progress (under g_engine)
int g_sample_rate = 0;                   // 0: not tried yet, < 0: unavailable
std::string g_failure;

int collect(short* wav, int count, espeak_EVENT*) {
    if (wav && count > 0 && g_target) g_target->insert(g_target->end(), wav, wav + count);
    return 0;  // go on
}

// Under g_engine. Initialises the engine and the Indonesian voice once.
bool ready() {
    if (g_sample_rate > 0) return true;
    if (g_sample_rate < 0) return false;
    const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
        g_failure = "espeak-ng could not start (is espeak-ng-data installed?)";
        g_sample_rate = -1;
        return false;
    }
    espeak_SetSynthCallback(collect);
    if (espeak_SetVoiceByName("id") != EE_OK) {
        g_failure = "espeak-ng has no Indonesian voice \"id\" (is espeak-ng-data installed?)";
        g_sample_rate = -1;
        return false;
    }
    espeak_SetParameter(espeakRATE, kRateWordsPerMinute, 0);
    g_sample_rate = rate;
    log::info("voice", "espeak-ng ready, voice id, " + std::to_string(rate) + " Hz");
    return true;
}

}  // namespace

Result<Pcm> speak_indonesian(std::string_view text) {
    std::lock_guard lock(g_engine);
    if (!ready()) return make_error("speech_unavailable", g_failure);
    Pcm pcm;
    pcm.sample_rate = g_sample_rate;
    std::vector<short> samples;
    g_target = &samples;
    const std::string owned(text);
    const espeak_ERROR result = espeak_Synth(owned.c_str(), owned.size() + 1, 0, POS_CHARACTER, 0,
                                             espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, nullptr);
    espeak_Synchronize();
    g_target = nullptr;
    if (result != EE_OK) return make_error("speech_failed", "espeak-ng could not synthesise \"" + owned + "\"");
    pcm.samples.assign(samples.begin(), samples.end());
    return pcm;
}

Result<Pcm> announcement_sound(std::string_view sentence, int volume_percent) {
    Result<Pcm> speech = speak_indonesian(sentence);
    if (!speech) return speech.error();
    Pcm sound = chime(speech->sample_rate);
    append_silence(sound, kPauseAfterChime);
    append(sound, *speech);
    apply_volume(sound, volume_percent);
    return sound;
}

}  // namespace hall::display
