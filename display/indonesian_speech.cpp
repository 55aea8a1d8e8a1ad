// Indonesian counts in groups of three digits like English, with three irregular forms built on
// "se-" (one): sepuluh (10), sebelas (11), seratus (100), seribu (1000). Everything else is
// regular: "<n> belas", "<n> puluh", "<n> ratus", "<n> ribu".
#include "display/indonesian_speech.hpp"

#include <array>
#include <vector>

namespace hall::display {

namespace {

constexpr std::array<std::string_view, 10> kDigits = {"nol",  "satu", "dua",   "tiga",    "empat",
                                                      "lima", "enam", "tujuh", "delapan", "sembilan"};

// The 26 letter names of the Indonesian alphabet, as pronounced (Q is said "ki", V "fe").
constexpr std::array<std::string_view, 26> kLetters = {
    "a", "be", "ce", "de", "e",  "ef", "ge", "ha",  "i",  "je", "ka", "el",  "em",
    "en", "o", "pe", "ki", "er", "es", "te", "u",   "fe", "we", "eks", "ye", "zet"};

void append_word(std::string& out, std::string_view word) {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += word;
}

// 1..999 in words (0 gives nothing: it is the silent part of 2000 or 105).
void append_below_thousand(std::string& out, int n) {
    const int hundreds = n / 100;
    const int rest = n % 100;
    if (hundreds == 1) {
        append_word(out, "seratus");
    } else if (hundreds > 1) {
        append_word(out, kDigits[hundreds]);
        append_word(out, "ratus");
    }
    if (rest == 0) return;
    if (rest < 10) {
        append_word(out, kDigits[rest]);
    } else if (rest == 10) {
        append_word(out, "sepuluh");
    } else if (rest == 11) {
        append_word(out, "sebelas");
    } else if (rest < 20) {
        append_word(out, kDigits[rest - 10]);
        append_word(out, "belas");
    } else {
        append_word(out, kDigits[rest / 10]);
        append_word(out, "puluh");
        if (rest % 10 != 0) append_word(out, kDigits[rest % 10]);
    }
}

std::string digit_by_digit(std::string_view digits) {
    std::string out;
    for (char c : digits)
        if (c >= '0' && c <= '9') append_word(out, kDigits[c - '0']);
    return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// A run of digits as a number in words; too long a run is read digit by digit.
std::string digits_in_words(std::string_view digits) {
    std::size_t first = digits.find_first_not_of('0');
    if (first == std::string_view::npos) return std::string(kDigits[0]);
    std::string_view significant = digits.substr(first);
    if (significant.size() > 6) return digit_by_digit(digits);
    std::int64_t value = 0;
    for (char c : significant) value = value * 10 + (c - '0');
    return number_words(value);
}

void append_spelled(std::string& out, std::string_view letters) {
    for (char c : letters) append_word(out, letter_name(c));
}

// Splits text into runs of letters, runs of digits, and everything else (dropped separators).
std::vector<std::string_view> tokens(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        std::size_t j = i + 1;
        if (is_digit(c)) {
            while (j < text.size() && is_digit(text[j])) ++j;
            out.push_back(text.substr(i, j - i));
        } else if (is_letter(c) || static_cast<unsigned char>(c) >= 0x80) {
            // Letters, and UTF-8 letters of names (kept whole: "Pengaduan", "Informasi").
            while (j < text.size() && (is_letter(text[j]) || static_cast<unsigned char>(text[j]) >= 0x80)) ++j;
            out.push_back(text.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

}  // namespace

std::string number_words(std::int64_t n) {
    if (n < 0 || n > 999999) return digit_by_digit(std::to_string(n));
    if (n == 0) return std::string(kDigits[0]);
    std::string out;
    const int thousands = static_cast<int>(n / 1000);
    const int rest = static_cast<int>(n % 1000);
    if (thousands == 1) {
        append_word(out, "seribu");
    } else if (thousands > 1) {
        append_below_thousand(out, thousands);
        append_word(out, "ribu");
    }
    append_below_thousand(out, rest);
    return out;
}

std::string_view letter_name(char letter) {
    if (is_upper(letter)) return kLetters[letter - 'A'];
    if (letter >= 'a' && letter <= 'z') return kLetters[letter - 'a'];
    return {};
}

std::string spoken_ticket(std::string_view number) {
    std::string out;
    for (std::string_view token : tokens(number)) {
        if (is_digit(token.front())) {
            append_word(out, digits_in_words(token));
        } else {
            append_spelled(out, token);
        }
    }
    return out;
}

std::string spoken_counter(std::string_view name) {
    std::string out;
    for (std::string_view token : tokens(name)) {
        if (is_digit(token.front())) {
            append_word(out, digits_in_words(token));
            continue;
        }
        bool all_capitals = true;
        bool ascii = true;
        for (char c : token) {
            if (!is_letter(c)) ascii = false;
            if (!is_upper(c)) all_capitals = false;
        }
        // A lone letter ("Meja B") or an acronym ("UMKM", "PTSP") is read letter by letter.
        if (ascii && (token.size() == 1 || (all_capitals && token.size() <= 4))) {
            append_spelled(out, token);
            continue;
        }
        std::string word;
        for (char c : token) word += lower(c);
        append_word(out, word);
    }
    return out;
}

std::string announcement_sentence(std::string_view ticket_number, std::string_view counter_name, CallKind kind) {
    std::string sentence = kind == CallKind::recall ? "Panggilan ulang, nomor antrian, " : "Nomor antrian, ";
    sentence += spoken_ticket(ticket_number);
    sentence += ", silakan menuju ";
    sentence += spoken_counter(counter_name);
    sentence += '.';
    return sentence;
}

}  // namespace hall::display
