// Table tests of what the display says: Indonesian number words, letter names, ticket numbers
// and counter names in spoken form, and the whole announcement sentence.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "display/indonesian_speech.hpp"

using namespace hall::display;

TEST_CASE("numbers are read in Indonesian words from 0 to 9999", "[display][speech]") {
    const std::vector<std::pair<int, std::string>> table = {
        {0, "nol"},
        {1, "satu"},
        {2, "dua"},
        {3, "tiga"},
        {4, "empat"},
        {5, "lima"},
        {6, "enam"},
        {7, "tujuh"},
        {8, "delapan"},
        {9, "sembilan"},
        {10, "sepuluh"},
        {11, "sebelas"},
        {12, "dua belas"},
        {15, "lima belas"},
        {19, "sembilan belas"},
        {20, "dua puluh"},
        {21, "dua puluh satu"},
        {30, "tiga puluh"},
        {45, "empat puluh lima"},
        {99, "sembilan puluh sembilan"},
        {100, "seratus"},
        {101, "seratus satu"},
        {110, "seratus sepuluh"},
        {111, "seratus sebelas"},
        {112, "seratus dua belas"},
        {123, "seratus dua puluh tiga"},
        {200, "dua ratus"},
        {305, "tiga ratus lima"},
        {999, "sembilan ratus sembilan puluh sembilan"},
        {1000, "seribu"},
        {1001, "seribu satu"},
        {1010, "seribu sepuluh"},
        {1011, "seribu sebelas"},
        {1100, "seribu seratus"},
        {1234, "seribu dua ratus tiga puluh empat"},
        {1999, "seribu sembilan ratus sembilan puluh sembilan"},
        {2000, "dua ribu"},
        {2024, "dua ribu dua puluh empat"},
        {5100, "lima ribu seratus"},
        {9999, "sembilan ribu sembilan ratus sembilan puluh sembilan"},
    };
    for (const auto& [n, words] : table) {
        CAPTURE(n);
        CHECK(number_words(n) == words);
    }
}

TEST_CASE("numbers beyond the table still read sensibly", "[display][speech]") {
    CHECK(number_words(10000) == "sepuluh ribu");
    CHECK(number_words(11000) == "sebelas ribu");
    CHECK(number_words(100000) == "seratus ribu");
    CHECK(number_words(123456) == "seratus dua puluh tiga ribu empat ratus lima puluh enam");
    CHECK(number_words(1000000) == "satu nol nol nol nol nol nol");  // digit by digit
    CHECK(number_words(-5) == "lima");                                // the minus sign is not a digit
}

TEST_CASE("letters are named as Indonesians say them", "[display][speech]") {
    const std::vector<std::pair<char, std::string>> table = {
        {'A', "a"},  {'B', "be"}, {'C', "ce"},  {'D', "de"}, {'E', "e"},   {'F', "ef"}, {'G', "ge"},
        {'H', "ha"}, {'I', "i"},  {'J', "je"},  {'K', "ka"}, {'L', "el"},  {'M', "em"}, {'N', "en"},
        {'O', "o"},  {'P', "pe"}, {'Q', "ki"},  {'R', "er"}, {'S', "es"},  {'T', "te"}, {'U', "u"},
        {'V', "fe"}, {'W', "we"}, {'X', "eks"}, {'Y', "ye"}, {'Z', "zet"},
    };
    REQUIRE(table.size() == 26);
    for (const auto& [letter, name] : table) {
        CAPTURE(letter);
        CHECK(letter_name(letter) == name);
        CHECK(letter_name(static_cast<char>(letter - 'A' + 'a')) == name);  // lower case too
    }
    CHECK(letter_name('-').empty());
    CHECK(letter_name('7').empty());
}

TEST_CASE("ticket numbers are spoken as letters then the number", "[display][speech]") {
    CHECK(spoken_ticket("A123") == "a seratus dua puluh tiga");
    CHECK(spoken_ticket("A-123") == "a seratus dua puluh tiga");
    CHECK(spoken_ticket("K-011") == "ka sebelas");
    CHECK(spoken_ticket("AB-007") == "a be tujuh");
    CHECK(spoken_ticket("Q-1000") == "ki seribu");
    CHECK(spoken_ticket("WY-2024") == "we ye dua ribu dua puluh empat");
    CHECK(spoken_ticket("C-000") == "ce nol");
    CHECK(spoken_ticket("").empty());
}

TEST_CASE("counter names are spoken with their numbers in words", "[display][speech]") {
    CHECK(spoken_counter("Loket 3") == "loket tiga");
    CHECK(spoken_counter("Meja 2") == "meja dua");
    CHECK(spoken_counter("Loket 12") == "loket dua belas");
    CHECK(spoken_counter("Meja 12B") == "meja dua belas be");
    CHECK(spoken_counter("Loket B") == "loket be");
    CHECK(spoken_counter("Loket UMKM") == "loket u em ka em");
    CHECK(spoken_counter("Ruang Konsultasi") == "ruang konsultasi");
    CHECK(spoken_counter("LOKET-4") == "loket empat");  // a long capital word is a word, not an acronym
}

TEST_CASE("the announcement is one sentence, and a recall says so", "[display][speech]") {
    CHECK(announcement_sentence("A123", "Loket 3") ==
          "Nomor antrian, a seratus dua puluh tiga, silakan menuju loket tiga.");
    CHECK(announcement_sentence("B-045", "Meja 2", CallKind::recall) ==
          "Panggilan ulang, nomor antrian, be empat puluh lima, silakan menuju meja dua.");
}
