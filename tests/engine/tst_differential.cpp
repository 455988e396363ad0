// Runs every corpus file in tests/engine/corpus against a private redis-server and the
// engine, comparing the RESP bytes of every reply. QUEUELAB_CORPUS=<text> limits the run
// to files whose name contains <text>.
#include "diff_runner.h"
#include "redis_server.h"

#include <QDir>
#include <QTest>

#include <cstdio>
#include <memory>

using namespace ql::test;

class TestDifferential : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), m_server.error().c_str()); }

    void corpus_data()
    {
        QTest::addColumn<QString>("path");
        QDir dir(qEnvironmentVariable("QUEUELAB_SOURCE_DIR", QStringLiteral(QUEUELAB_SOURCE_DIR_FALLBACK))
            + QStringLiteral("/tests/engine/corpus"));
        const QString filter = qEnvironmentVariable("QUEUELAB_CORPUS");
        const auto files = dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
        for (const QString &f : files)
            if (filter.isEmpty() || f.contains(filter))
                QTest::newRow(qPrintable(f)) << dir.filePath(f);
        if (files.isEmpty())
            QTest::newRow("no corpus files") << QString();
    }

    void corpus()
    {
        QFETCH(QString, path);
        QVERIFY2(!path.isEmpty(), "tests/engine/corpus holds no corpus file");
        DiffRunner runner(m_server.port());
        std::size_t n = runner.runFile(path.toStdString());
        m_total += n;
        m_differences += runner.mismatches().size();
        std::printf("differential %s: %zu commands compared, %zu differences\n", qPrintable(QFileInfo(path).fileName()),
            n, runner.mismatches().size());
        for (const auto &m : runner.mismatches())
            std::printf("  %s\n", m.c_str());
        QVERIFY(n > 0);
        QCOMPARE(runner.mismatches().size(), std::size_t(0));
    }

    void cleanupTestCase()
    {
        std::printf(
            "differential total: %zu commands compared with redis-server, %zu differences\n", m_total, m_differences);
        m_server.stop();
    }

private:
    RedisServer m_server;
    std::size_t m_total = 0;
    std::size_t m_differences = 0;
};

QTEST_GUILESS_MAIN(TestDifferential)
#include "tst_differential.moc"
