// The lesson gallery (resources/scenarios): every lesson parses, has a title and summary,
// captions and enough expectations, passes headless, and gives a byte-identical
// transcript when run twice.
#include "scenario/scenario_parser.h"
#include "scenario/scenario_runner.h"
#include "scenario_run.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <memory>

using namespace ql;
using namespace ql::scenario;

class TstGallery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void galleryHasEveryLesson();
    void lessonPasses_data();
    void lessonPasses();
};

namespace {

QString galleryDir()
{
    QByteArray root = qgetenv("QUEUELAB_SOURCE_DIR");
    if (root.isEmpty())
        root = QUEUELAB_SOURCE_DIR_FALLBACK;
    return QString::fromLocal8Bit(root) + QStringLiteral("/resources/scenarios");
}

QStringList lessonFiles()
{
    return QDir(galleryDir()).entryList({QStringLiteral("*.qls")}, QDir::Files, QDir::Name);
}

struct Counts {
    int says = 0;
    int sections = 0;
    int pauses = 0;
    int expects = 0;
};

void count(const std::vector<Step> &steps, Counts &c)
{
    for (const Step &s : steps) {
        if (std::holds_alternative<Say>(s.body))
            ++c.says;
        else if (std::holds_alternative<Section>(s.body))
            ++c.sections;
        else if (std::holds_alternative<Pause>(s.body))
            ++c.pauses;
        else if (std::holds_alternative<ExpectReply>(s.body) || std::holds_alternative<ExpectPush>(s.body)
            || std::holds_alternative<ExpectState>(s.body) || std::holds_alternative<ExpectObserved>(s.body))
            ++c.expects;
        else if (const auto *r = std::get_if<Repeat>(&s.body))
            count(r->body, c);
    }
}

} // namespace

void TstGallery::galleryHasEveryLesson()
{
    const QStringList files = lessonFiles();
    QVERIFY2(files.size() >= 14, qPrintable(files.join(QLatin1Char(' '))));
    // One lesson per claim of the product, numbered in teaching order.
    for (int i = 1; i <= 14; ++i) {
        const QString prefix = QStringLiteral("%1-").arg(i, 2, 10, QLatin1Char('0'));
        QVERIFY2(std::any_of(files.begin(), files.end(), [&](const QString &f) { return f.startsWith(prefix); }),
            qPrintable(prefix));
    }
}

void TstGallery::lessonPasses_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : lessonFiles())
        QTest::newRow(qPrintable(f)) << f;
}

void TstGallery::lessonPasses()
{
    QFETCH(QString, file);
    QFile f(galleryDir() + QLatin1Char('/') + file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();

    // The header the Lessons menu shows.
    const QList<QByteArray> lines = text.split('\n');
    QVERIFY2(lines.size() > 2 && lines[0].startsWith("# title: ") && lines[0].size() > 10, lines[0].constData());
    QVERIFY2(lines[1].startsWith("# summary: ") && lines[1].size() > 20, lines[1].constData());

    ParseResult parsed
        = parse(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), file.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.errors.front().toString().c_str());
    QVERIFY(checkRunnable(parsed.scenario).empty());
    Counts c;
    count(parsed.scenario.steps, c);
    QVERIFY2(c.says >= 3, "a lesson explains itself in captions");
    QVERIFY2(c.sections >= 1, "a lesson has chapters");
    QVERIFY2(c.pauses >= 1, "a lesson stops for the presenter at least once");
    QVERIFY2(c.expects >= 4, "a lesson proves its point");

    const scenario_test::RunResult first = scenario_test::runScenario(parsed.scenario);
    QVERIFY2(!first.error && first.failed == 0, first.transcript.constData());
    QVERIFY(first.passed >= c.expects); // every expectation ran (those in repeats more than once)
    QCOMPARE(scenario_test::runScenario(parsed.scenario).transcript, first.transcript); // to the byte
    // As the window plays it, a frame at a time: the same run.
    QCOMPARE(scenario_test::runScenario(parsed.scenario, 16).transcript, first.transcript);
}

QTEST_GUILESS_MAIN(TstGallery)
#include "tst_gallery.moc"
