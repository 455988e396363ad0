// Traffic (scene_bench): see scene_bench_traffic.h for the command mix and the pacing.
#include "scene_bench_traffic.h"

#include "broker/broker.h"

namespace scenebench {

Traffic::Traffic(ql::Broker &broker, std::vector<TrafficClient> producers, std::vector<TrafficClient> consumers)
    : m_broker(broker), m_producers(std::move(producers)), m_consumers(std::move(consumers))
{
}

Traffic::~Traffic()
{
    if (m_thread.joinable())
        stop();
}

void Traffic::start(double commandsPerSecond)
{
    m_stop = false;
    m_result = {};
    m_thread = std::thread([this, commandsPerSecond] { run(commandsPerSecond); });
}

TrafficResult Traffic::stop()
{
    m_stop = true;
    m_thread.join();
    return m_result;
}

void Traffic::run(double rate)
{
    using Steady = std::chrono::steady_clock;
    const auto start = Steady::now();
    auto tick = start;
    std::uint64_t sent = 0;
    while (!m_stop.load(std::memory_order_relaxed)) {
        const double elapsed = std::chrono::duration<double>(Steady::now() - start).count();
        const auto due = static_cast<std::uint64_t>(elapsed * rate);
        while (sent < due && !m_stop.load(std::memory_order_relaxed)) {
            sendNext();
            ++sent;
        }
        tick += std::chrono::milliseconds(1);
        std::this_thread::sleep_until(tick);
    }
    const auto stopped = Steady::now();
    m_broker.sync();
    m_result.sent = sent;
    m_result.sendSeconds = std::chrono::duration<double>(stopped - start).count();
    m_result.drainMs = std::chrono::duration<double, std::milli>(Steady::now() - stopped).count();
}

void Traffic::sendNext()
{
    const std::uint64_t round = m_step / kRound;
    const int step = static_cast<int>(m_step % kRound);
    ++m_step;
    auto pick = [round](const std::vector<TrafficClient> &clients, int offset) -> const TrafficClient & {
        return clients[(round + static_cast<std::uint64_t>(offset)) % clients.size()];
    };
    const std::string n = std::to_string(round);

    if (step < 2 * kLists) {
        const int list = step / 2;
        if (step % 2 == 0)
            m_broker.send(pick(m_producers, list).id, {"RPUSH", listKey(list), "job-" + n});
        else if (round % 2 == 0)
            m_broker.send(pick(m_consumers, list).id, {"BLPOP", listKey(list), "1"});
        else
            m_broker.send(pick(m_consumers, list).id, {"LPOP", listKey(list)});
        return;
    }
    if (step < 2 * kLists + 3 * kStreams) {
        const int stream = (step - 2 * kLists) / 3;
        const int part = (step - 2 * kLists) % 3;
        const TrafficClient &consumer = pick(m_consumers, stream + kLists);
        if (part == 0) {
            const std::string id = "1-" + std::to_string(++m_streamSeq[stream]);
            m_broker.send(
                pick(m_producers, stream + kLists).id, {"XADD", streamKey(stream), "MAXLEN", "~", "1000", id, "n", n});
        } else if (part == 1) {
            m_broker.send(consumer.id,
                {"XREADGROUP", "GROUP", group(), consumer.name, "COUNT", "1", "STREAMS", streamKey(stream), ">"});
        } else {
            m_broker.send(
                consumer.id, {"XACK", streamKey(stream), group(), "1-" + std::to_string(m_streamSeq[stream])});
        }
        return;
    }
    const int ch = step - 2 * kLists - 3 * kStreams;
    m_broker.send(pick(m_producers, ch + kLists + kStreams).id, {"PUBLISH", channel(ch), "msg-" + n});
}

} // namespace scenebench
