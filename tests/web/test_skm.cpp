// IKM test vectors: the formula of DESIGN.md (25 x sum / (respondents x 9), rounded to two
// decimals before grading), on fixed answer sets whose IKM is known, including each boundary.
#include <catch2/catch.hpp>

#include <numeric>

#include "queue_server/skm.hpp"

using namespace hall::skm;

namespace {

// `n` respondents whose 9n answers (each 1..4) add up to exactly `sum`: everyone starts at 1
// and the remainder is spread over the answers, at most 3 extra per answer.
Ikm ikm_of(int n, int sum) {
    REQUIRE(sum >= 9 * n);
    REQUIRE(sum <= 36 * n);
    int extra = sum - 9 * n;
    IkmAccumulator acc;
    int total = 0;
    for (int r = 0; r < n; ++r) {
        std::array<int, kElementCount> a{};
        for (int& x : a) {
            const int add = std::min(3, extra);
            x = 1 + add;
            extra -= add;
            total += x;
        }
        acc.add(a);
    }
    REQUIRE(total == sum);
    return acc.result();
}

}  // namespace

TEST_CASE("skm: all 4s give 100.00 A and all 1s give 25.00 D", "[skm]") {
    IkmAccumulator best, worst;
    for (int i = 0; i < 7; ++i) {
        best.add({4, 4, 4, 4, 4, 4, 4, 4, 4});
        worst.add({1, 1, 1, 1, 1, 1, 1, 1, 1});
    }
    CHECK(best.result().ikm_text() == "100.00");
    CHECK(best.result().grade().letter == 'A');
    CHECK(best.result().grade().label_id == "Sangat Baik");
    CHECK(best.result().nrr(0) == 4.0);
    CHECK(worst.result().ikm_text() == "25.00");
    CHECK(worst.result().grade().letter == 'D');
    CHECK(worst.result().grade().label_id == "Tidak Baik");
}

TEST_CASE("skm: answer sets landing on each grade boundary", "[skm]") {
    struct Vector {
        int respondents;
        int sum;
        const char* ikm;
        char grade;
        const char* label;
    };
    // Each sum was chosen so that 25 x sum / (9 x respondents), rounded, is the boundary value.
    const Vector vectors[] = {
        {24, 763, "88.31", 'A', "Sangat Baik"},  // 88.3101...
        {19, 604, "88.30", 'B', "Baik"},         // 88.3040...
        {19, 524, "76.61", 'B', "Baik"},         // 76.6081...: rounds up into B; unrounded it would be C
        {26, 717, "76.60", 'C', "Kurang Baik"},  // 76.6025...
        {5, 117, "65.00", 'C', "Kurang Baik"},   // exactly 65
        {38, 889, "64.99", 'D', "Tidak Baik"},   // 64.9853...: rounds up to 64.99, still D
    };
    for (const Vector& v : vectors) {
        INFO(v.ikm);
        Ikm ikm = ikm_of(v.respondents, v.sum);
        CHECK(ikm.respondents == v.respondents);
        CHECK(ikm.ikm_text() == v.ikm);
        CHECK(ikm.grade().letter == v.grade);
        CHECK(ikm.grade().label_id == v.label);
    }
}

TEST_CASE("skm: rounding is half up on exact hundredths", "[skm]") {
    // 2500 x sum / (9n) with a remainder of exactly one half: n = 2, sum = 9 x 2 x ... pick
    // 25 x 65 / 18 = 90.2777 (no half); the integer formula must match round-half-up anyway.
    for (int n = 1; n <= 40; ++n)
        for (int sum = 9 * n; sum <= 36 * n; ++sum) {
            const double exact = 2500.0 * sum / (9.0 * n);
            const auto expected = static_cast<std::int64_t>(std::floor(exact + 0.5 + 1e-9));
            REQUIRE(ikm_hundredths(sum, n) == expected);
        }
    CHECK(ikm_hundredths(0, 0) == 0);
}

TEST_CASE("skm: NRR per element is the mean answer of that element", "[skm]") {
    IkmAccumulator acc;
    acc.add({1, 2, 3, 4, 1, 2, 3, 4, 1});
    acc.add({2, 2, 4, 4, 1, 3, 3, 4, 4});
    Ikm ikm = acc.result();
    CHECK(ikm.nrr(0) == Approx(1.5));
    CHECK(ikm.nrr(2) == Approx(3.5));
    CHECK(ikm.nrr(8) == Approx(2.5));
    // sum = 21 + 27 = 48 over 2 respondents: 25 x 48 / 18 = 66.666... -> 66.67 C
    CHECK(ikm.ikm_text() == "66.67");
    CHECK(ikm.grade().letter == 'C');
    CHECK(IkmAccumulator().result().ikm_text() == "-");
}

TEST_CASE("skm: the questionnaire has the nine elements in the regulation's order", "[skm]") {
    const char* names[] = {"Persyaratan", "Sistem, Mekanisme dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
                           "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
                           "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana"};
    for (int i = 0; i < kElementCount; ++i) {
        CHECK(elements()[static_cast<std::size_t>(i)].name_id == names[i]);
        for (auto l : elements()[static_cast<std::size_t>(i)].labels_id) CHECK(!l.empty());
        for (auto l : elements()[static_cast<std::size_t>(i)].labels_en) CHECK(!l.empty());
    }
    CHECK(elements()[0].labels_id[0] == "Tidak sesuai");
    CHECK(elements()[0].labels_id[3] == "Sangat sesuai");
}

TEST_CASE("skm: a survey is validated field by field", "[skm]") {
    using nlohmann::json;
    json good = {{"answers", {4, 3, 2, 1, 4, 3, 2, 1, 4}}, {"age", 67}, {"sex", "p"}, {"education", "sma"},
                 {"occupation", "lainnya"}, {"suggestion", "  Kursi tunggu ditambah.  "}};
    auto r = parse_response(good);
    REQUIRE(r);
    CHECK(r->answers[0] == 4);
    CHECK(r->answers[3] == 1);
    CHECK(*r->age == 67);
    CHECK(*r->sex == "p");
    CHECK(*r->suggestion == "Kursi tunggu ditambah.");

    auto minimal = parse_response(json{{"answers", {1, 1, 1, 1, 1, 1, 1, 1, 1}}, {"age", nullptr}, {"sex", ""}});
    REQUIRE(minimal);
    CHECK(!minimal->age);
    CHECK(!minimal->sex);
    CHECK(!minimal->suggestion);

    auto refused = [&](json body) {
        auto x = parse_response(body);
        return !x && x.error().code == "bad_request";
    };
    CHECK(refused(json::array()));
    CHECK(refused(json{{"answers", {4, 4, 4, 4, 4, 4, 4, 4}}}));           // eight answers
    CHECK(refused(json{{"answers", {4, 4, 4, 4, 4, 4, 4, 4, 4, 4}}}));     // ten
    CHECK(refused(json{{"answers", {4, 4, 4, 4, 5, 4, 4, 4, 4}}}));        // 5
    CHECK(refused(json{{"answers", {4, 4, 4, 4, 0, 4, 4, 4, 4}}}));        // 0
    CHECK(refused(json{{"answers", {4, 4, 4, 4, 3.5, 4, 4, 4, 4}}}));      // not whole
    CHECK(refused(json{{"answers", {4, 4, 4, 4, "4", 4, 4, 4, 4}}}));      // a string
    good["age"] = 5;
    CHECK(refused(good));
    good["age"] = "67";
    CHECK(refused(good));
    good["age"] = 67;
    good["sex"] = "x";
    CHECK(refused(good));
    good["sex"] = "l";
    good["education"] = 3;
    CHECK(refused(good));
    good["education"] = "s1";
    good["suggestion"] = std::string(1001, 'a');
    CHECK(refused(good));
    good["suggestion"] = std::string("\xff\xfe", 2);
    CHECK(refused(good));
    good["suggestion"] = std::string("bad\x01", 4);
    CHECK(refused(good));
    good["suggestion"] = "Terima kasih \u00e9";
    CHECK(parse_response(good));
    good["name"] = "Budi";  // no personal fields beyond the standard ones
    CHECK(refused(good));
}
