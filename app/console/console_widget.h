// A redis-cli style console: one input line with history (Up/Down), and the transcript
// of commands and replies formatted exactly as redis-cli prints them.
#pragma once

#include <QColor>
#include <QStringList>
#include <QTextBlock>
#include <QTextCursor>

#include <QWidget>
#include <deque>
#include <vector>

class QLineEdit;
class QPlainTextEdit;
class QLabel;
class QPushButton;

namespace ql {

class ConsoleClient;
class Reply;

class ConsoleWidget : public QWidget {
    Q_OBJECT
public:
    explicit ConsoleWidget(ConsoleClient *client, QWidget *parent = nullptr);

    QString transcript() const;
    QLineEdit *input() const { return m_input; }
    void clear();
    void setPromptName(const QString &name);
    // Pub/sub messages this client receives are printed in its colour.
    void setMessageColor(const QColor &color);
    // Runs `line` as if typed: echoed with the prompt, then sent.
    void run(const QString &line);
    // Shows (non-empty `state`) or hides the bar that says the client waits, with Unblock.
    void setWaiting(const QString &state);
    bool isWaiting() const;
    // Prints the syntax and summary of the command in the input line (F1).
    void showHelp();

Q_SIGNALS:
    void unblockRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void submit();
    void showReplies(const std::vector<ql::Reply> &replies, qsizetype skipped);
    void showReply(const ql::Reply &reply);
    void showClosed(const QString &reason);
    void append(const QString &text, const QColor &color);
    void insertAt(QTextCursor &cursor, const QString &text, const QColor &color);
    void recallHistory(int step);

    ConsoleClient *m_client;
    QPlainTextEdit *m_output;
    QLineEdit *m_input;
    QLabel *m_prompt;
    QWidget *m_waitBar;
    QLabel *m_waitText;
    QString m_lastLine;
    std::deque<QTextBlock> m_pending; // the line of each command still waiting for its reply
    QColor m_messageColor;
    bool m_batching = false; // inside showReplies: scroll once at the end
    QStringList m_history;
    int m_historyPos = 0;
    QString m_draft;
};

} // namespace ql
