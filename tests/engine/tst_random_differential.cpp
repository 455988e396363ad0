// A seeded stream of mixed commands (valid and invalid) runs against a private
// redis-server and the engine; every reply must match byte for byte.
// QUEUELAB_SEED and QUEUELAB_RANDOM_COMMANDS change the seed and the count.
#include "diff_runner.h"
#include "random_commands.h"
#include "redis_server.h"

#include <QTest>

#include <cstdio>

using namespace ql::test;

class TestRandomDifferential : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void mixed_commands_match_redis()
    {
        RedisServer server;
        QVERIFY2(server.start(), server.error().c_str());
        const std::uint64_t seed = qEnvironmentVariableIsSet("QUEUELAB_SEED")
            ? qEnvironmentVariable("QUEUELAB_SEED").toULongLong()
            : 20261125ull;
        const int total = qEnvironmentVariableIsSet("QUEUELAB_RANDOM_COMMANDS")
            ? qEnvironmentVariableIntValue("QUEUELAB_RANDOM_COMMANDS")
            : 20000;
        RandomCommands gen(seed);
        DiffRunner runner(server.port());
        runner.resetCase();
        // Until `total` replies and pushes were compared (!skip lines compare nothing).
        for (int i = 0; runner.compared() < static_cast<std::size_t>(total) && i < 2 * total; ++i) {
            if (i % 400 == 399)
                runner.resetCase();
            GeneratedCommand c = gen.next();
            runner.compare(c.connection, c.argv, c.norm, "random #" + std::to_string(i));
            if (runner.mismatches().size() >= 40)
                break;
        }
        std::printf("random differential: seed %llu, %zu commands compared with redis-server, %zu differences\n",
            static_cast<unsigned long long>(seed), runner.compared(), runner.mismatches().size());
        for (const auto &m : runner.mismatches())
            std::printf("  %s\n", m.c_str());
        QVERIFY(runner.compared() >= static_cast<std::size_t>(total));
        QCOMPARE(runner.mismatches().size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRandomDifferential)
#include "tst_random_differential.moc"
