#include "scenario_panel.h"

#include "lesson_gallery.h"
#include "scenario_editor.h"
#include "scenario_player.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

namespace ql {

namespace {
constexpr int kTranscriptLines = 20000;
}

ScenarioPanel::ScenarioPanel(ScenarioPlayer &player, QWidget *parent)
    : QWidget(parent),
      m_player(player),
      m_title(new QLabel(this)),
      m_run(new QPushButton(tr("Run"), this)),
      m_editor(new ScenarioEditor(this)),
      m_transcript(new QPlainTextEdit(this))
{
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_run->setToolTip(tr("Play the script in the editor from the start (Ctrl+Return)"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_transcript->setReadOnly(true);
    m_transcript->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_transcript->setMaximumBlockCount(kTranscriptLines);
    m_transcript->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_transcript->setPlaceholderText(tr("The transcript of the run: commands, replies, pushes, captions and checks."));
    m_transcript->setObjectName(QStringLiteral("scenarioTranscript"));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_title, 1);
    top->addWidget(m_run);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_editor);
    split->addWidget(m_transcript);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    auto run = [this] { Q_EMIT runRequested(m_editor->toPlainText(), m_fileName); };
    connect(m_run, &QPushButton::clicked, this, run);
    auto *runKey = new QShortcut(
        QKeySequence(Qt::CTRL | Qt::Key_Return), this, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(runKey, &QShortcut::activated, this, run);

    connect(&m_player, &ScenarioPlayer::transcriptCleared, this, [this] {
        m_pending.clear();
        m_transcript->clear();
        m_editor->clearMarks();
    });
    connect(&m_player, &ScenarioPlayer::entryAdded, this, &ScenarioPanel::addEntry);
    connect(&m_player, &ScenarioPlayer::positionChanged, this, [this] {
        flush();
        m_editor->setCurrentLine(m_player.currentLine());
    });
    connect(&m_player, &ScenarioPlayer::errorsChanged, this, &ScenarioPanel::showErrors);
}

void ScenarioPanel::setDocument(const QString &text, const QString &fileName)
{
    m_fileName = fileName;
    m_editor->setPlainText(text);
    const Lesson lesson = describeLesson(fileName, text);
    m_title->setText(QStringLiteral("<b>%1</b>").arg(lesson.title.toHtmlEscaped()));
    m_title->setToolTip(lesson.summary.isEmpty() ? fileName : lesson.summary + QLatin1Char('\n') + fileName);
}

void ScenarioPanel::addEntry(const scenario::TranscriptEntry &e)
{
    using K = scenario::TranscriptEntry::Kind;
    const std::string name = QFileInfo(m_fileName).fileName().toStdString();
    QString text = QString::fromStdString(scenario::formatEntry(e, name));
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    m_pending.append(text);
    if (m_pending.size() > kTranscriptLines)
        m_pending.erase(m_pending.begin(), m_pending.begin() + (m_pending.size() - kTranscriptLines));
    if (e.kind == K::ExpectPassed || e.kind == K::ExpectFailed) {
        QString tip = e.kind == K::ExpectPassed
            ? tr("Held: %1").arg(QString::fromStdString(e.expected).trimmed())
            : tr("Expected: %1\nActual: %2")
                  .arg(QString::fromStdString(e.expected).trimmed(), QString::fromStdString(e.actual).trimmed());
        m_editor->setMark(e.where.line, e.kind == K::ExpectPassed, tip);
    }
}

void ScenarioPanel::flush()
{
    if (m_pending.isEmpty())
        return;
    m_transcript->appendPlainText(m_pending.join(QLatin1Char('\n')));
    m_pending.clear();
}

void ScenarioPanel::showErrors()
{
    QList<ScenarioEditor::Error> errors;
    QStringList lines;
    const QString name = QFileInfo(m_player.fileName()).fileName();
    for (const auto &e : m_player.errors()) {
        errors.append({e.line, e.column, e.message});
        lines << QStringLiteral("%1:%2:%3: %4").arg(name).arg(e.line).arg(e.column).arg(e.message);
    }
    m_editor->setErrors(errors);
    if (!lines.isEmpty()) {
        m_pending.clear();
        m_transcript->setPlainText(
            tr("The script has errors; nothing ran:") + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
    }
}

} // namespace ql
