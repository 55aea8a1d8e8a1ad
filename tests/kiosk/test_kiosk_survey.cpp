// The kiosk's "Isi Survei" on its own, against a fake server that answers only when the test
// says so: the number typed on the keypad, the look-up and its refusals, the nine questions one
// per screen, the send (retried with the same request number), the thanks and the way home; and
// the survey screens rendered headless in both languages.
#include <catch2/catch.hpp>

#include <set>

#include "common/skm_questions.hpp"
#include "common/ui/offscreen.hpp"
#include "common/ui/theme.hpp"
#include "kiosk/kiosk_model.hpp"
#include "kiosk/kiosk_view.hpp"
#include "tests/kiosk/kiosk_test_support.hpp"

namespace hall::kiosk::test {

namespace {

using T = Intent::Type;
constexpr std::int64_t kMonday = 20780LL * 86400000 + 2LL * 3600000;

Intent intent(T type, std::string text = {}, int index = -1) { return Intent{type, std::move(text), index}; }

struct SurveyFixture {
    const ExampleHall& hall = example_hall();
    FakeBackend backend;
    FakePrinterPort printer;
    std::int64_t now = kMonday;
    KioskModel model;

    SurveyFixture()
        : model(KioskModel::settings_from(example_hall().config), example_hall().config, example_hall().catalog, backend,
                printer) {
        (void)backend.hall.load_snapshot(sample_snapshot(hall.config, hall.catalog, kMonday));
        model.update(now);
    }
    void later(std::int64_t ms) {
        now += ms;
        model.update(now);
    }
    void type(const std::string& keys) {
        for (char c : keys) model.apply(intent(T::survey_key, std::string(1, c)));
    }
    // Answers the latest request of `type` and applies the answer.
    void answer(proto::MessageType type, const Result<proto::Reply>& reply) {
        auto posted = backend.of_type(type);
        REQUIRE(!posted.empty());
        posted.back()->done(reply);
        later(10);
    }
    static Result<proto::Reply> ok(nlohmann::json body) {
        proto::Reply r;
        r.ok = true;
        r.body = std::move(body);
        return r;
    }
    static Result<proto::Reply> refused(const std::string& code) {
        proto::Reply r;
        r.ok = false;
        r.error_code = code;
        r.error_message = code;
        return r;
    }
    static nlohmann::json lookup(const std::string& survey) {
        return {{"ticket", {{"id", 7}, {"number", "A-012"}, {"service", "x"}, {"service_name", "Surat Keterangan Asal"},
                            {"state", "done"}}},
                {"survey", survey}};
    }
    // Welcome -> number -> questions for A-012.
    void to_questions() {
        model.apply(intent(T::open_survey));
        REQUIRE(model.screen() == Screen::survey_number);
        type("A12");
        model.apply(intent(T::survey_find));
        answer(proto::MessageType::survey_lookup, ok(lookup("open")));
        REQUIRE(model.screen() == Screen::survey_questions);
    }
};

}  // namespace

TEST_CASE("kiosk survey: a typed number is written the way the server writes it", "[kiosk][survey]") {
    CHECK(ticket_number_from("A12") == "A-012");
    CHECK(ticket_number_from("a-12") == "A-012");
    CHECK(ticket_number_from("A012") == "A-012");
    CHECK(ticket_number_from("A0012") == "A-012");
    CHECK(ticket_number_from("AB1234") == "AB-1234");
    CHECK(ticket_number_from("C-001") == "C-001");
    CHECK_FALSE(ticket_number_from(""));
    CHECK_FALSE(ticket_number_from("A"));
    CHECK_FALSE(ticket_number_from("12"));
    CHECK_FALSE(ticket_number_from("1A"));
    CHECK_FALSE(ticket_number_from("ABCD1"));
    CHECK_FALSE(ticket_number_from("A12345"));
    CHECK_FALSE(ticket_number_from("A1B2"));
}

TEST_CASE("kiosk survey: from Welcome to thanks, nine answers in the regulation's order", "[kiosk][survey]") {
    SurveyFixture f;
    // The keypad offers the hall's prefix letters.
    CHECK(f.model.survey_letters().find('A') != std::string::npos);
    f.to_questions();
    auto lookups = f.backend.of_type(proto::MessageType::survey_lookup);
    REQUIRE(lookups.size() == 1);
    CHECK(lookups[0]->body == nlohmann::json{{"ticket", "A-012"}});
    CHECK(f.model.survey().number == "A-012");
    CHECK(f.model.survey().service_name == "Surat Keterangan Asal");

    const std::array<int, 9> answers{4, 3, 4, 2, 3, 4, 4, 1, 3};
    for (int i = 0; i < 9; ++i) {
        CHECK(f.model.survey().question == i);
        f.model.apply(intent(T::survey_answer, {}, answers[static_cast<std::size_t>(i)]));
    }
    CHECK(f.model.survey().waiting);
    auto sent = f.backend.of_type(proto::MessageType::survey_submit);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0]->body["ticket"] == "A-012");
    CHECK(sent[0]->body["answers"] == nlohmann::json(answers));
    // Taps while the server is asked change nothing.
    f.model.apply(intent(T::survey_answer, {}, 1));
    f.model.apply(intent(T::back));
    CHECK(f.backend.of_type(proto::MessageType::survey_submit).size() == 1);
    f.answer(proto::MessageType::survey_submit, SurveyFixture::ok({{"ticket", {{"id", 7}, {"number", "A-012"}}}}));
    CHECK(f.model.screen() == Screen::survey_thanks);
    CHECK(!f.model.idle_countdown());
    // The thanks screen goes home by itself.
    f.later(static_cast<std::int64_t>(f.model.settings().ticket_return_seconds) * 1000 + 10);
    CHECK(f.model.screen() == Screen::welcome);
    CHECK(f.model.survey().number.empty());
}

TEST_CASE("kiosk survey: Back steps through the questions and changes an answer", "[kiosk][survey]") {
    SurveyFixture f;
    f.to_questions();
    f.model.apply(intent(T::survey_answer, {}, 2));
    f.model.apply(intent(T::survey_answer, {}, 3));
    CHECK(f.model.survey().question == 2);
    f.model.apply(intent(T::back));
    CHECK(f.model.survey().question == 1);
    CHECK(f.model.survey().answers[1] == 3);
    f.model.apply(intent(T::survey_answer, {}, 4));
    CHECK(f.model.survey().answers[1] == 4);
    CHECK(f.model.survey().question == 2);
    f.model.apply(intent(T::survey_answer, {}, 7));  // not an answer
    CHECK(f.model.survey().question == 2);
    f.model.apply(intent(T::back));
    f.model.apply(intent(T::back));
    f.model.apply(intent(T::back));
    CHECK(f.model.screen() == Screen::survey_number);
    f.model.apply(intent(T::back));
    CHECK(f.model.screen() == Screen::welcome);
}

TEST_CASE("kiosk survey: every refusal is said, and the visitor can type again", "[kiosk][survey]") {
    SurveyFixture f;
    f.model.apply(intent(T::open_survey));
    f.type("12");
    f.model.apply(intent(T::survey_find));
    CHECK(f.model.survey().refusal == "format");
    CHECK(f.backend.of_type(proto::MessageType::survey_lookup).empty());
    f.model.apply(intent(T::survey_delete));
    f.model.apply(intent(T::survey_delete));
    CHECK(f.model.survey().typed.empty());
    CHECK(f.model.survey().refusal.empty());
    f.type("A99");
    struct Case {
        Result<proto::Reply> reply;
        const char* refusal;
    };
    const Case cases[] = {
        {SurveyFixture::refused("unknown_ticket"), "unknown"},
        {SurveyFixture::ok(SurveyFixture::lookup("not_done")), "not_done"},
        {SurveyFixture::ok(SurveyFixture::lookup("answered")), "answered"},
        {make_error("unreachable", "no answer"), "unreachable"},
        {SurveyFixture::refused("internal_error"), "other"},
    };
    for (const Case& c : cases) {
        f.model.apply(intent(T::survey_find));
        CHECK(f.model.survey().waiting);
        f.answer(proto::MessageType::survey_lookup, c.reply);
        CHECK(f.model.screen() == Screen::survey_number);
        CHECK(f.model.survey().refusal == c.refusal);
        CHECK(!f.model.survey().waiting);
    }
}

TEST_CASE("kiosk survey: a send without an answer is sent again with the same request number", "[kiosk][survey]") {
    SurveyFixture f;
    f.to_questions();
    for (int i = 0; i < 9; ++i) f.model.apply(intent(T::survey_answer, {}, 4));
    f.answer(proto::MessageType::survey_submit, make_error("unreachable", "no answer"));
    CHECK(f.model.screen() == Screen::survey_questions);
    CHECK(f.model.survey().refusal == "unreachable");
    f.model.apply(intent(T::survey_send_again));
    auto sent = f.backend.of_type(proto::MessageType::survey_submit);
    REQUIRE(sent.size() == 2);
    CHECK(sent[0]->req == sent[1]->req);  // the server applies it at most once
    // The first send did arrive after all: the server says so, and the visitor is thanked.
    f.answer(proto::MessageType::survey_submit, SurveyFixture::refused("survey_answered"));
    CHECK(f.model.screen() == Screen::survey_thanks);
}

TEST_CASE("kiosk survey: a late answer for a visitor who left changes nothing", "[kiosk][survey]") {
    SurveyFixture f;
    f.model.apply(intent(T::open_survey));
    f.type("A12");
    f.model.apply(intent(T::survey_find));
    // The idle return does not interrupt a question in flight...
    f.later(static_cast<std::int64_t>(f.model.settings().idle_seconds + f.model.settings().countdown_seconds) * 1000 + 1);
    CHECK(f.model.screen() == Screen::survey_number);
    f.answer(proto::MessageType::survey_lookup, make_error("unreachable", "no answer"));
    // ...but once answered, a visitor who walked away is sent home.
    f.later(static_cast<std::int64_t>(f.model.settings().idle_seconds + f.model.settings().countdown_seconds) * 1000 + 1);
    CHECK(f.model.screen() == Screen::welcome);
    f.backend.of_type(proto::MessageType::survey_lookup).back()->done(SurveyFixture::ok(SurveyFixture::lookup("open")));
    f.later(10);
    CHECK(f.model.screen() == Screen::welcome);
}

TEST_CASE("kiosk survey: the screens render in both languages, and a tap on Welcome opens the survey",
          "[kiosk][survey][view]") {
    TempDir temp;
    SurveyFixture f;
    KioskView view;
    auto created = ui::Offscreen::create(1080, 1920);
    REQUIRE(created);
    auto offscreen = std::move(*created);
    REQUIRE(view.prepare_fonts(offscreen->fonts()));
    auto picture = [&](const std::string& name) {
        for (int i = 0; i < 3; ++i)
            offscreen->render([&](const ui::Frame& frame) { (void)view.draw(f.model, frame); });
        Result<ui::Image> image = offscreen->capture();
        REQUIRE(image);
        REQUIRE(ui::write_png(*image, shot_path(temp, name)));
        std::set<std::uint32_t> colours;
        for (int y = 0; y < image->height; y += 3)
            for (int x = 0; x < image->width; x += 3) colours.insert(image->pixel(x, y));
        CHECK(colours.size() > 8);
    };
    for (const char* lang : {"id", "en"}) {
        f.model.apply(intent(T::home));
        f.model.apply(intent(T::set_language, lang));
        f.model.apply(intent(T::open_survey));
        f.type("A12");
        picture(std::string("survey_number_") + lang + ".png");
        f.model.apply(intent(T::survey_find));
        f.answer(proto::MessageType::survey_lookup, SurveyFixture::ok(SurveyFixture::lookup("open")));
        picture(std::string("survey_question_") + lang + ".png");
        for (int i = 0; i < 9; ++i) f.model.apply(intent(T::survey_answer, {}, 3));
        f.answer(proto::MessageType::survey_submit, SurveyFixture::ok({}));
        REQUIRE(f.model.screen() == Screen::survey_thanks);
        picture(std::string("survey_thanks_") + lang + ".png");
    }

    // A finger on the Welcome screen's survey button (at the bottom) opens the survey.
    f.model.apply(intent(T::home));
    bool opened = false;
    auto frames = [&](int count) {
        for (int i = 0; i < count; ++i)
            offscreen->render([&](const ui::Frame& frame) {
                f.model.update(f.now);
                for (const Intent& it : view.draw(f.model, frame)) {
                    if (it.type == T::open_survey) opened = true;
                    f.model.apply(it);
                }
            });
    };
    frames(3);
    offscreen->set_pointer(540.0f, 1920.0f - 90.0f, true);
    frames(1);
    offscreen->set_pointer(540.0f, 1920.0f - 90.0f, false);
    frames(2);
    CHECK(opened);
    CHECK(f.model.screen() == Screen::survey_number);
}

}  // namespace hall::kiosk::test
