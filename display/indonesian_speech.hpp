// What the display says, as text: Indonesian number words, letters as Indonesians name them,
// a ticket number and a counter name in spoken form, and the announcement sentence that the
// voice reads ("Nomor antrian, a seratus dua puluh tiga, silakan menuju loket tiga."). Pure
// functions with no audio in them, so every word can be checked by a table test.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace hall::display {

// Indonesian words for 0 <= n <= 999999 ("nol", "sebelas", "seratus satu", "seribu sembilan ratus
// sembilan puluh sembilan"); a larger or negative n is read digit by digit.
std::string number_words(std::int64_t n);

// The name Indonesians say for a Latin letter, in lower case, written as it is pronounced:
// 'A' -> "a", 'B' -> "be", 'K' -> "ka", 'Q' -> "ki", 'V' -> "fe", 'W' -> "we", 'Y' -> "ye".
// Either case is accepted; anything else gives "".
std::string_view letter_name(char letter);

// A ticket number in spoken form: its letters by name, then its number in words, dashes and
// leading zeros dropped: "A-123" -> "a seratus dua puluh tiga", "AB-007" -> "a be tujuh".
std::string spoken_ticket(std::string_view number);

// A counter's name in spoken form: words in lower case, numbers in words, a lone letter or a
// short all-capital acronym spelled: "Loket 3" -> "loket tiga", "Meja 12B" -> "meja dua belas
// be", "Loket UMKM" -> "loket u em ka em".
std::string spoken_counter(std::string_view name);

enum class CallKind { call, recall };

// The whole announcement, e.g. "Nomor antrian, a seratus dua puluh tiga, silakan menuju loket
// tiga." A recall begins "Panggilan ulang, nomor antrian, ...".
std::string announcement_sentence(std::string_view ticket_number, std::string_view counter_name,
                                  CallKind kind = CallKind::call);

}  // namespace hall::display
