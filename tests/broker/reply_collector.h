// Collects what the broker sends one test client (on the broker thread) so the test
// thread can wait for it.
#pragma once

#include "broker/broker_session.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace ql::test {

class ReplyCollector {
public:
    ClientSink sink()
    {
        ClientSink s;
        s.reply = [this](const Reply &r, int) {
            std::lock_guard lock(m_mutex);
            m_replies.push_back(r);
            m_cv.notify_all();
        };
        s.closed = [this](const std::string &reason) {
            std::lock_guard lock(m_mutex);
            m_closedReason = reason;
            m_cv.notify_all();
        };
        return s;
    }

    // Waits until at least n replies arrived (false after timeoutMs).
    bool waitFor(std::size_t n, int timeoutMs = 5000)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_replies.size() >= n; });
    }
    std::size_t count() const
    {
        std::lock_guard lock(m_mutex);
        return m_replies.size();
    }
    Reply at(std::size_t i) const
    {
        std::lock_guard lock(m_mutex);
        return i < m_replies.size() ? m_replies[i] : Reply::error("(no reply)");
    }
    Reply last() const
    {
        std::lock_guard lock(m_mutex);
        return m_replies.empty() ? Reply::error("(no reply)") : m_replies.back();
    }
    std::string closedReason() const
    {
        std::lock_guard lock(m_mutex);
        return m_closedReason;
    }

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<Reply> m_replies;
    std::string m_closedReason;
};

} // namespace ql::test
