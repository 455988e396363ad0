#include "console_widget.h"

#include "cli/reply_formatter.h"
#include "command_help.h"
#include "console_client.h"
#include "resp/split_args.h"

#include <QCompleter>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QVBoxLayout>

#include <algorithm>

namespace ql {

ConsoleWidget::ConsoleWidget(ConsoleClient *client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_output(new QPlainTextEdit(this)),
      m_input(new QLineEdit(this)),
      m_prompt(new QLabel(client->name() + QLatin1Char('>'), this)),
      m_waitBar(new QWidget(this)),
      m_waitText(new QLabel(m_waitBar))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_output->setReadOnly(true);
    m_output->setFont(mono);
    m_output->setMaximumBlockCount(20000);
    m_output->setPlaceholderText(tr("Type a Redis command below, e.g. RPUSH jobs a b c, then LRANGE jobs 0 -1"));
    m_input->setFont(mono);
    m_input->setPlaceholderText(tr("Type a command and press Enter, e.g. RPUSH jobs a b c"));
    m_input->setClearButtonEnabled(true);
    m_input->installEventFilter(this);
    m_prompt->setFont(mono);

    auto *completer = new QCompleter(commandNames(), m_input);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::InlineCompletion);
    m_input->setCompleter(completer);
    m_input->setToolTip(tr("Tab completes a command name; F1 shows its syntax"));

    // Shown while the client waits in a blocking command.
    auto *unblock = new QPushButton(tr("Unblock"), m_waitBar);
    unblock->setToolTip(tr("End the wait as a timeout would (CLIENT UNBLOCK from another connection)"));
    auto *wait = new QHBoxLayout(m_waitBar);
    wait->setContentsMargins(0, 0, 0, 0);
    wait->addWidget(m_waitText, 1);
    wait->addWidget(unblock);
    m_waitBar->hide();
    connect(unblock, &QPushButton::clicked, this, &ConsoleWidget::unblockRequested);

    auto *line = new QHBoxLayout;
    line->addWidget(m_prompt);
    line->addWidget(m_input, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_waitBar);
    layout->addLayout(line);

    connect(m_input, &QLineEdit::returnPressed, this, &ConsoleWidget::submit);
    connect(m_client, &ConsoleClient::repliesReceived, this, &ConsoleWidget::showReplies);
    connect(m_client, &ConsoleClient::closedByServer, this, &ConsoleWidget::showClosed);
}

QString ConsoleWidget::transcript() const
{
    return m_output->toPlainText();
}

void ConsoleWidget::clear()
{
    m_output->clear(); // waiting replies now go to the (empty) end: their blocks are gone
}

void ConsoleWidget::append(const QString &text, const QColor &color)
{
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    insertAt(cursor, text, color);
}

void ConsoleWidget::insertAt(QTextCursor &cursor, const QString &text, const QColor &color)
{
    QTextCharFormat fmt;
    if (color.isValid())
        fmt.setForeground(color);
    bool atEnd = cursor.atEnd();
    if (!m_output->document()->isEmpty())
        cursor.insertBlock(QTextBlockFormat(), fmt);
    cursor.insertText(text, fmt);
    if (atEnd && !m_batching)
        m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void ConsoleWidget::setWaiting(const QString &state)
{
    // Plain text: the hourglass emoji is missing from common Linux fonts.
    m_waitText->setText(tr("%1 — its next commands wait too").arg(state));
    m_waitBar->setVisible(!state.isEmpty());
}

bool ConsoleWidget::isWaiting() const
{
    return !m_waitBar->isHidden();
}

void ConsoleWidget::showHelp()
{
    QString line = m_input->text().trimmed().isEmpty() ? m_lastLine : m_input->text();
    QString help = commandHelp(line);
    append(help.isEmpty() ? tr("Type a command name, then press F1 for its syntax.") : help,
        palette().color(QPalette::PlaceholderText));
}

void ConsoleWidget::setMessageColor(const QColor &color)
{
    m_messageColor = color;
}

void ConsoleWidget::setPromptName(const QString &name)
{
    m_prompt->setText(name + QLatin1Char('>'));
}

void ConsoleWidget::submit()
{
    const QString line = m_input->text();
    m_input->clear();
    run(line);
}

void ConsoleWidget::run(const QString &line)
{
    if (!line.trimmed().isEmpty())
        m_lastLine = line;
    if (line.trimmed().isEmpty())
        return;
    if (m_history.isEmpty() || m_history.constLast() != line)
        m_history.append(line);
    m_historyPos = static_cast<int>(m_history.size());
    m_draft.clear();
    append(m_prompt->text() + QLatin1Char(' ') + line, palette().color(QPalette::PlaceholderText));
    const QByteArray utf8 = line.toUtf8();
    auto args = splitArgs(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
    if (!args) {
        append(tr("Invalid argument(s)"), QColor(Qt::red));
        return;
    }
    if (args->empty())
        return;
    QList<QByteArray> argv;
    for (const auto &a : *args)
        argv.append(QByteArray(a.data(), static_cast<qsizetype>(a.size())));
    m_client->send(argv);
    // Where its reply goes: right after this command line.
    m_pending.push_back(m_output->document()->lastBlock());
}

void ConsoleWidget::showReplies(const std::vector<ql::Reply> &replies, qsizetype skipped)
{
    // One edit and one scroll for the whole batch: a burst costs one layout, not one per line.
    QTextCursor edit(m_output->document());
    edit.beginEditBlock();
    m_batching = true;
    for (const auto &r : replies)
        showReply(r);
    if (skipped > 0)
        append(
            tr("(%n more replies or messages arrived at once and are not printed)", nullptr, static_cast<int>(skipped)),
            palette().color(QPalette::PlaceholderText));
    m_batching = false;
    edit.endEditBlock();
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void ConsoleWidget::showReply(const ql::Reply &reply)
{
    QString t = QString::fromStdString(formatReplyForCli(reply));
    if (t.endsWith(QLatin1Char('\n')))
        t.chop(1);
    const QColor color = reply.isError() ? QColor(0xd0, 0x30, 0x30) : QColor();
    // A pub/sub message arrives on its own and goes at the end, in the console's colour;
    // any other reply answers the oldest command still waiting and is printed right under
    // it, even when later commands were typed meanwhile.
    const auto &items = reply.items();
    bool message = reply.type() == ql::Reply::Type::Push && !items.empty()
        && (items[0].str() == "message" || items[0].str() == "pmessage" || items[0].str() == "smessage");
    if (message || m_pending.empty()) {
        append(t, message ? m_messageColor : color);
        return;
    }
    QTextBlock after = m_pending.front();
    m_pending.pop_front();
    if (!after.isValid() || after.document() != m_output->document()) {
        append(t, color);
        return;
    }
    QTextCursor cursor(after);
    cursor.movePosition(QTextCursor::EndOfBlock);
    insertAt(cursor, t, color);
}

void ConsoleWidget::showClosed(const QString &reason)
{
    append(tr("(connection closed: %1)").arg(reason), palette().color(QPalette::PlaceholderText));
    m_input->setEnabled(false);
}

void ConsoleWidget::recallHistory(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyPos == m_history.size())
        m_draft = m_input->text();
    m_historyPos = std::clamp(m_historyPos + step, 0, static_cast<int>(m_history.size()));
    m_input->setText(m_historyPos == m_history.size() ? m_draft : m_history.at(m_historyPos));
}

bool ConsoleWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Up) {
            recallHistory(-1);
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            recallHistory(1);
            return true;
        }
        if (key->key() == Qt::Key_F1) {
            showHelp();
            return true;
        }
        if (key->key() == Qt::Key_L && key->modifiers() == Qt::ControlModifier) {
            clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ql
