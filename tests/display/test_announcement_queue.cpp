// The announcement queue: every call once, in call order, one at a time, under bursts from
// another thread; duplicates refused; a recall is a new announcement.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "display/announcement_queue.hpp"

using namespace hall::display;
using namespace std::chrono_literals;

namespace {

Announcement call(std::int64_t ticket, std::int64_t seq, int recalls = 0) {
    Announcement a;
    a.ticket_id = ticket;
    a.seq = seq;
    a.called_at = 1000 * ticket;
    a.recalls = recalls;
    a.kind = recalls > 0 ? CallKind::recall : CallKind::call;
    a.number = "A-" + std::to_string(ticket);
    a.counter_name = "Loket 1";
    return a;
}

std::vector<std::int64_t> drain(AnnouncementQueue& queue) {
    std::vector<std::int64_t> seqs;
    while (auto a = queue.take(0ms)) {
        seqs.push_back(a->seq);
        queue.finish();
    }
    return seqs;
}

}  // namespace

TEST_CASE("announcements come out in call order, each once", "[display][queue]") {
    AnnouncementQueue queue;
    CHECK(queue.push(call(1, 10)));
    CHECK(queue.push(call(2, 11)));
    CHECK(queue.push(call(3, 12)));
    CHECK_FALSE(queue.push(call(2, 11)));  // the same event again
    CHECK_FALSE(queue.push(call(1, 15)));  // the same call seen again under another seq (a resync)
    CHECK(queue.push(call(1, 16, 1)));     // a recall of ticket 1: a new announcement
    CHECK(queue.pushed_count() == 4);
    CHECK(drain(queue) == std::vector<std::int64_t>{10, 11, 12, 16});
    CHECK_FALSE(queue.push(call(3, 12)));  // already spoken: never again
    CHECK(queue.finished().size() == 4);
}

TEST_CASE("a late push with a lower seq goes before later ones still waiting", "[display][queue]") {
    AnnouncementQueue queue;
    queue.push(call(5, 21));
    queue.push(call(6, 23));
    queue.push(call(7, 22));
    CHECK(drain(queue) == std::vector<std::int64_t>{21, 22, 23});
}

TEST_CASE("one announcement at a time: the next waits for finish()", "[display][queue]") {
    AnnouncementQueue queue;
    queue.push(call(1, 1));
    queue.push(call(2, 2));
    auto first = queue.take(0ms);
    REQUIRE(first);
    CHECK(first->seq == 1);
    CHECK_FALSE(queue.take(0ms));  // still speaking the first
    REQUIRE(queue.current());
    CHECK(queue.current()->seq == 1);
    CHECK(queue.pending().size() == 1);
    queue.finish();
    auto second = queue.take(0ms);
    REQUIRE(second);
    CHECK(second->seq == 2);
}

TEST_CASE("bursts from another thread: nothing dropped, nothing twice, in order", "[display][queue]") {
    AnnouncementQueue queue;
    constexpr int kCalls = 600;
    std::vector<std::int64_t> spoken;
    std::atomic<bool> producer_done{false};
    std::atomic<int> overlaps{0};
    std::atomic<int> speaking{0};
    std::thread consumer([&] {
        while (true) {
            auto a = queue.take(20ms);
            if (!a) {
                if (producer_done && queue.pending().empty()) break;
                continue;
            }
            if (++speaking > 1) ++overlaps;
            spoken.push_back(a->seq);
            --speaking;
            queue.finish();
        }
    });
    std::thread producer([&] {
        // Three counters call within the same instant, again and again; each event is also
        // delivered twice (a retried publish) and some calls are seen again by a resync.
        for (int seq = 1; seq <= kCalls; ++seq) {
            queue.push(call(seq, seq));
            queue.push(call(seq, seq));
            if (seq % 7 == 0) queue.push(call(seq - 3, seq + 100000));
            if (seq % 50 == 0) std::this_thread::sleep_for(1ms);
        }
        producer_done = true;
    });
    producer.join();
    consumer.join();
    REQUIRE(spoken.size() == static_cast<std::size_t>(kCalls));
    for (int i = 0; i < kCalls; ++i) CHECK(spoken[static_cast<std::size_t>(i)] == i + 1);
    CHECK(overlaps == 0);
    CHECK(queue.pushed_count() == static_cast<std::size_t>(kCalls));
}

TEST_CASE("close() wakes a waiting consumer", "[display][queue]") {
    AnnouncementQueue queue;
    std::thread consumer([&] { CHECK_FALSE(queue.take(std::chrono::milliseconds(60000))); });
    std::this_thread::sleep_for(20ms);
    queue.close();
    consumer.join();
}
