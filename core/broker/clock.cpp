#include "clock.h"

#include <algorithm>
#include <cmath>

namespace ql {

std::int64_t SystemClock::nowMs() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::wallDelayUntil(std::int64_t t) const
{
    return std::max<std::int64_t>(0, t - nowMs());
}

VirtualClock::VirtualClock(std::int64_t startMs) : m_base(startMs), m_wallBase(Steady::now())
{
}

std::int64_t VirtualClock::nowLocked() const
{
    if (!m_playing)
        return m_base;
    double elapsed = std::chrono::duration<double, std::milli>(Steady::now() - m_wallBase).count();
    return m_base + static_cast<std::int64_t>(std::floor(elapsed * m_speed));
}

void VirtualClock::rebaseLocked()
{
    m_base = nowLocked();
    m_wallBase = Steady::now();
}

std::int64_t VirtualClock::nowMs() const
{
    std::lock_guard lock(m_mutex);
    return nowLocked();
}

std::int64_t VirtualClock::wallDelayUntil(std::int64_t t) const
{
    std::lock_guard lock(m_mutex);
    std::int64_t now = nowLocked();
    if (t <= now)
        return 0;
    if (!m_playing)
        return -1;
    return static_cast<std::int64_t>(std::ceil(static_cast<double>(t - now) / m_speed));
}

void VirtualClock::play()
{
    std::lock_guard lock(m_mutex);
    if (!m_playing) {
        m_wallBase = Steady::now();
        m_playing = true;
    }
}

void VirtualClock::pause()
{
    std::lock_guard lock(m_mutex);
    if (m_playing) {
        rebaseLocked();
        m_playing = false;
    }
}

bool VirtualClock::isPlaying() const
{
    std::lock_guard lock(m_mutex);
    return m_playing;
}

void VirtualClock::setSpeed(double speed)
{
    std::lock_guard lock(m_mutex);
    rebaseLocked();
    m_speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

double VirtualClock::speed() const
{
    std::lock_guard lock(m_mutex);
    return m_speed;
}

void VirtualClock::advance(std::int64_t ms)
{
    std::lock_guard lock(m_mutex);
    rebaseLocked();
    if (ms > 0)
        m_base += ms;
}

void VirtualClock::advanceTo(std::int64_t t)
{
    std::lock_guard lock(m_mutex);
    rebaseLocked();
    m_base = std::max(m_base, t);
}

void VirtualClock::resetTo(std::int64_t t)
{
    std::lock_guard lock(m_mutex);
    m_base = t;
    m_wallBase = Steady::now();
}

} // namespace ql
