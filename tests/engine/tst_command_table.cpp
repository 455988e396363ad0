// The command table drives dispatch, errors, COMMAND and the console's help: every entry
// must be complete, and every command must be exercised by the differential corpus.
#include "engine/engine.h"
#include "resp/split_args.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

using namespace ql;

class TestCommandTable : public QObject {
    Q_OBJECT

private:
    static QString corpusDir()
    {
        return qEnvironmentVariable("QUEUELAB_SOURCE_DIR", QStringLiteral(QUEUELAB_SOURCE_DIR_FALLBACK))
            + QStringLiteral("/tests/engine/corpus");
    }

    // "XGROUP CREATE" style names of every command line in the corpus.
    static QSet<QString> corpusCommands()
    {
        QSet<QString> seen;
        QDir dir(corpusDir());
        const auto files = dir.entryList({QStringLiteral("*.txt")}, QDir::Files);
        for (const QString &f : files) {
            QFile file(dir.filePath(f));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            while (!file.atEnd()) {
                QByteArray line = file.readLine().trimmed();
                while (line.startsWith('@') || line.startsWith('!')) {
                    int sp = line.indexOf(' ');
                    line = sp < 0 ? QByteArray() : line.mid(sp + 1).trimmed();
                }
                if (line.isEmpty() || line.startsWith('#') || line.startsWith("==="))
                    continue;
                auto argv = splitArgs(std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
                if (!argv || argv->empty())
                    continue;
                QString name = QString::fromStdString((*argv)[0]).toUpper();
                seen.insert(name);
                if (argv->size() > 1)
                    seen.insert(name + QLatin1Char(' ') + QString::fromStdString((*argv)[1]).toUpper());
            }
        }
        return seen;
    }

private Q_SLOTS:
    void every_entry_is_complete()
    {
        Engine engine;
        for (const auto &spec : engine.commands().all()) {
            const QString name = QString::fromUtf8(spec.name.data(), static_cast<qsizetype>(spec.name.size()));
            QVERIFY2(!spec.summary.empty(), qPrintable(name));
            QVERIFY2(!spec.group.empty(), qPrintable(name));
            QVERIFY2(spec.arity != 0, qPrintable(name));
            QVERIFY2(spec.handler || !spec.subcommands.empty(), qPrintable(name));
            QCOMPARE(name, name.toLower());
            for (const auto &sub : spec.subcommands) {
                QVERIFY2(sub.handler, qPrintable(name));
                QVERIFY2(sub.arity != 0, qPrintable(name));
            }
        }
    }

    void lookup_ignores_case()
    {
        Engine engine;
        QVERIFY(engine.commands().find("lpush"));
        QVERIFY(engine.commands().find("LPush"));
        QVERIFY(!engine.commands().find("lpushh"));
        QVERIFY(!engine.commands().find(std::string(100, 'a')));
    }

    void command_count_matches_the_table()
    {
        Engine engine;
        engine.openClient(1);
        ExecResult r = engine.execute(1, {"COMMAND", "COUNT"}, 0);
        QCOMPARE(r.reply.integerValue(), static_cast<std::int64_t>(engine.commands().all().size()));
    }

    void every_command_is_in_the_differential_corpus()
    {
        const QSet<QString> seen = corpusCommands();
        QStringList missing;
        Engine engine;
        for (const auto &spec : engine.commands().all()) {
            const QString name
                = QString::fromUtf8(spec.name.data(), static_cast<qsizetype>(spec.name.size())).toUpper();
            // HELLO's reply carries the connection id and server version, QUIT closes the
            // connection and COMMAND lists Redis's 240 commands: not comparable byte for byte.
            if (name == QLatin1String("HELLO") || name == QLatin1String("QUIT") || name == QLatin1String("COMMAND"))
                continue;
            // Transactions and CLIENT run in the broker; its own tests compare them with Redis.
            // INFO reports this process's own figures (tst_server_resp checks its fields).
            if (spec.group == "transactions" || name == QLatin1String("CLIENT") || name == QLatin1String("INFO"))
                continue;
            if (spec.subcommands.empty()) {
                if (!seen.contains(name))
                    missing << name;
                continue;
            }
            for (const auto &sub : spec.subcommands) {
                const QString full = name + QLatin1Char(' ')
                    + QString::fromUtf8(sub.name.data(), static_cast<qsizetype>(sub.name.size())).toUpper();
                if (!seen.contains(full))
                    missing << full;
            }
        }
        QVERIFY2(
            missing.isEmpty(), qPrintable(QStringLiteral("not in the corpus: ") + missing.join(QStringLiteral(", "))));
    }
};

QTEST_APPLESS_MAIN(TestCommandTable)
#include "tst_command_table.moc"
