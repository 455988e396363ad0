#include "time_controls.h"

#include "broker/broker.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

namespace ql {

TimeControls::TimeControls(Broker &broker, VirtualClock &clock, QWidget *parent)
    : QObject(parent),
      m_broker(broker),
      m_clock(clock),
      m_toolBar(new QToolBar(tr("Time"), parent)),
      m_playPause(new QAction(this)),
      m_step(new QAction(tr("Step to next timeout"), this)),
      m_reset(new QAction(tr("Reset world"), this)),
      m_speed(new QComboBox(parent)),
      m_clockLabel(new QLabel(parent)),
      m_tick(new QTimer(this)),
      m_startMs(clock.nowMs())
{
    m_toolBar->setObjectName(QStringLiteral("timeToolBar"));
    QStyle *style = parent->style();
    m_step->setIcon(style->standardIcon(QStyle::SP_MediaSkipForward));
    m_step->setToolTip(tr("Jump the clock to the next moment a waiting client times out"));
    m_reset->setIcon(style->standardIcon(QStyle::SP_BrowserReload));
    m_reset->setToolTip(tr("Empty every database and start again with the clients producer and consumer"));
    for (double s : kPlaybackSpeeds)
        m_speed->addItem(QStringLiteral("%1x").arg(s), s);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("How fast virtual time runs: timeouts, stream ids and idle times follow it"));
    m_clockLabel->setToolTip(tr("Virtual time since the window opened"));
    m_clockLabel->setMinimumWidth(m_clockLabel->fontMetrics().horizontalAdvance(QStringLiteral(" 00:00:00.0 ")));

    m_toolBar->addAction(m_playPause);
    m_toolBar->addAction(m_step);
    m_toolBar->addWidget(m_speed);
    m_toolBar->addWidget(m_clockLabel);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_reset);

    connect(m_playPause, &QAction::triggered, this, [this] { setPlaying(!isPlaying()); });
    connect(m_step, &QAction::triggered, this, [this] { m_broker.stepToNextDeadline(); });
    connect(m_reset, &QAction::triggered, this, &TimeControls::resetRequested);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_clock.setSpeed(m_speed->itemData(index).toDouble());
        m_broker.wake();
        Q_EMIT speedChanged(m_clock.speed());
    });
    connect(m_tick, &QTimer::timeout, this, &TimeControls::updateClockLabel);
    m_tick->start(100);
    updatePlayPause();
    updateClockLabel();
}

QList<QAction *> TimeControls::actions() const
{
    return {m_playPause, m_step, m_reset};
}

void TimeControls::setOrigin(std::int64_t ms)
{
    m_startMs = ms;
    m_clockLabel->setToolTip(tr("Virtual time since the scenario started"));
    updateClockLabel();
}

bool TimeControls::isPlaying() const
{
    return m_clock.isPlaying();
}

void TimeControls::setPlaying(bool playing)
{
    if (playing == isPlaying())
        return;
    if (playing)
        m_clock.play();
    else
        m_clock.pause();
    m_broker.wake();
    updatePlayPause();
    Q_EMIT playingChanged(playing);
}

void TimeControls::setSpeed(double speed)
{
    int best = 0;
    for (int i = 0; i < m_speed->count(); ++i)
        if (std::abs(m_speed->itemData(i).toDouble() - speed) < std::abs(m_speed->itemData(best).toDouble() - speed))
            best = i;
    m_speed->setCurrentIndex(best);
}

double TimeControls::speed() const
{
    return m_clock.speed();
}

void TimeControls::updatePlayPause()
{
    QStyle *style = m_toolBar->style();
    bool playing = isPlaying();
    m_playPause->setIcon(style->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_playPause->setText(playing ? tr("Pause") : tr("Play"));
    m_playPause->setToolTip(playing ? tr("Pause time: waiting clients stop counting down") : tr("Let time run again"));
}

void TimeControls::updateClockLabel()
{
    std::int64_t ms = m_clock.nowMs() - m_startMs;
    m_clockLabel->setText(QStringLiteral(" %1:%2:%3.%4 ")
                              .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
                              .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
                              .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
                              .arg(ms / 100 % 10));
}

} // namespace ql
