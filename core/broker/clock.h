// Clocks the broker reads time from. The system clock is wall time (the RESP server);
// the virtual clock runs at `speed` x wall time while playing, stands still while paused
// and can be moved by hand, so scenarios replay identically.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace ql {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowMs() const = 0;
    // Wall-clock milliseconds until virtual time reaches `t`; -1 when it never will by
    // itself (a paused virtual clock). 0 when `t` has passed.
    virtual std::int64_t wallDelayUntil(std::int64_t t) const = 0;
};

class SystemClock final : public Clock {
public:
    std::int64_t nowMs() const override;
    std::int64_t wallDelayUntil(std::int64_t t) const override;
};

class VirtualClock final : public Clock {
public:
    static constexpr double kMinSpeed = 0.1;
    static constexpr double kMaxSpeed = 100.0;

    explicit VirtualClock(std::int64_t startMs = 0);

    std::int64_t nowMs() const override;
    std::int64_t wallDelayUntil(std::int64_t t) const override;

    void play();
    void pause();
    bool isPlaying() const;
    void setSpeed(double speed); // clamped to [kMinSpeed, kMaxSpeed]
    double speed() const;
    // Moves time forward (never backwards) by `ms` / to `t`.
    void advance(std::int64_t ms);
    void advanceTo(std::int64_t t);
    // Sets the time to `t`, also backwards. Only for an empty world (a scenario starts on
    // a flushed broker without clients): stream ids and deadlines assume time never goes back.
    void resetTo(std::int64_t t);

private:
    using Steady = std::chrono::steady_clock;
    std::int64_t nowLocked() const;
    void rebaseLocked();

    mutable std::mutex m_mutex;
    std::int64_t m_base;
    Steady::time_point m_wallBase;
    double m_speed = 1.0;
    bool m_playing = false;
};

} // namespace ql
