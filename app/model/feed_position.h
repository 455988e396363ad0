// FeedPosition: where a follower of the event feed is (the last seq it applied), and
// whether the feed skipped events on the way (the follower then knows less than it should).
// Shared by the WorldModel and the MessageLineage.
#pragma once

#include <cstdint>

namespace ql {

struct FeedPosition {
    std::uint64_t seq = 0; // the last event taken (or a snapshot's seq)
    bool missed = false; // a seq was skipped

    // False for an event already taken (seq <= the last one), which is to be ignored; an
    // event with seq 0 (not from the feed: tests, hand-made events) is always taken.
    bool take(std::uint64_t eventSeq)
    {
        if (eventSeq == 0)
            return true;
        if (eventSeq <= seq)
            return false;
        missed = missed || eventSeq != seq + 1;
        seq = eventSeq;
        return true;
    }
};

} // namespace ql
