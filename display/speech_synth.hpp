// The display's voice: Indonesian speech synthesised offline by libespeak-ng (Debian's
// espeak-ng-data carries the "id" voice), slowed a little for elderly listeners, and the
// complete announcement sound (chime, pause, sentence) at a given volume. No SDL here: the
// result is samples, played by the announcer or written to a WAV file.
#pragma once
#include <string_view>

#include "common/result.hpp"
#include "display/pcm_audio.hpp"

namespace hall::display {

// Speaks `text` (UTF-8) with the Indonesian voice. The engine is process-wide and not
// re-entrant, so calls from several threads take turns. Fails with "speech_unavailable" when
// the engine or its Indonesian voice cannot be loaded, "speech_failed" when synthesis fails.
Result<Pcm> speak_indonesian(std::string_view text);

// The sound of one announcement: the chime, a short pause, then `sentence` spoken, scaled to
// volume_percent (0..100).
Result<Pcm> announcement_sound(std::string_view sentence, int volume_percent);

}  // namespace hall::display
