// ScenarioPanel: the scenario dock. The script in an editor (syntax colours, the line
// that runs next highlighted, ✓/✗ beside each expectation, errors underlined) above the
// transcript of the run. Run (Ctrl+Return) plays what the editor holds, so editing and
// running again is one key.
#pragma once

#include "scenario/transcript.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace ql {

class ScenarioEditor;
class ScenarioPlayer;

class ScenarioPanel : public QWidget {
    Q_OBJECT
public:
    ScenarioPanel(ScenarioPlayer &player, QWidget *parent = nullptr);

    ScenarioEditor *editor() const { return m_editor; }
    QPlainTextEdit *transcript() const { return m_transcript; }
    // Shows a scenario's text (not run yet).
    void setDocument(const QString &text, const QString &fileName);
    QString fileName() const { return m_fileName; }

Q_SIGNALS:
    // Run pressed: play the editor's text from the start.
    void runRequested(const QString &text, const QString &fileName);

private:
    void addEntry(const scenario::TranscriptEntry &entry);
    void flush();
    void showErrors();

    ScenarioPlayer &m_player;
    QLabel *m_title;
    QPushButton *m_run;
    ScenarioEditor *m_editor;
    QPlainTextEdit *m_transcript;
    QString m_fileName;
    QStringList m_pending; // transcript lines not shown yet (shown once per tick)
};

} // namespace ql
