#include "scenario_controls.h"

#include "main/time_controls.h"
#include "scenario_player.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

namespace ql {

namespace {

QString clockText(std::int64_t ms)
{
    return QStringLiteral("%1:%2.%3")
        .arg(ms / 60000)
        .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}
} // namespace

ScenarioControls::ScenarioControls(ScenarioPlayer &player, QWidget *parent)
    : QObject(parent),
      m_player(player),
      m_toolBar(new QToolBar(tr("Scenario"), parent)),
      m_restart(new QAction(tr("Restart"), this)),
      m_stepBack(new QAction(tr("Step back"), this)),
      m_playPause(new QAction(this)),
      m_step(new QAction(tr("Step"), this)),
      m_close(new QAction(tr("Leave scenario"), this)),
      m_speed(new QComboBox(parent)),
      m_timeline(new QSlider(Qt::Horizontal, parent)),
      m_status(new QLabel(parent))
{
    m_toolBar->setObjectName(QStringLiteral("scenarioToolBar"));
    QStyle *style = parent->style();
    m_restart->setIcon(style->standardIcon(QStyle::SP_MediaSkipBackward));
    m_restart->setToolTip(tr("Empty the world and start the scenario again"));
    m_stepBack->setIcon(style->standardIcon(QStyle::SP_MediaSeekBackward));
    m_stepBack->setToolTip(tr("Back to the world as it was one statement ago (Shift+Left)"));
    m_step->setIcon(style->standardIcon(QStyle::SP_MediaSeekForward));
    m_step->setToolTip(tr("Run the next line of the scenario (Right)"));
    m_close->setIcon(style->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setToolTip(tr("Leave the scenario and go on typing in this world"));
    for (double s : kPlaybackSpeeds)
        m_speed->addItem(QStringLiteral("%1x").arg(s), s);
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Playback speed: waits and the pause after each command"));
    m_timeline->setMinimumWidth(160);
    m_timeline->setToolTip(tr("Timeline: drag back to see the world after an earlier statement"));
    m_timeline->setObjectName(QStringLiteral("scenarioTimeline"));
    m_status->setObjectName(QStringLiteral("scenarioStatus"));
    m_status->setMinimumWidth(
        m_status->fontMetrics().horizontalAdvance(QStringLiteral("0:00.000  line 000  ✓ 00  ✗ 00  ")));

    m_toolBar->addAction(m_restart);
    m_toolBar->addAction(m_stepBack);
    m_toolBar->addAction(m_playPause);
    m_toolBar->addAction(m_step);
    m_toolBar->addWidget(m_speed);
    m_toolBar->addWidget(m_timeline);
    m_toolBar->addWidget(m_status);
    auto *close = new QToolButton(m_toolBar);
    close->setDefaultAction(m_close);
    close->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addWidget(close);

    connect(m_restart, &QAction::triggered, &m_player, &ScenarioPlayer::restart);
    connect(m_stepBack, &QAction::triggered, &m_player, &ScenarioPlayer::stepBack);
    connect(m_playPause, &QAction::triggered, &m_player, &ScenarioPlayer::togglePlay);
    connect(m_step, &QAction::triggered, &m_player, &ScenarioPlayer::step);
    connect(m_close, &QAction::triggered, this, &ScenarioControls::closeRequested);
    connect(m_speed, &QComboBox::currentIndexChanged, this,
        [this](int index) { m_player.setSpeed(m_speed->itemData(index).toDouble()); });
    // Seek when the user lets go (or moves it with keys), not on every pixel of a drag.
    connect(m_timeline, &QSlider::sliderReleased, this, [this] { m_player.seek(m_timeline->value()); });
    connect(m_timeline, &QSlider::actionTriggered, this, [this](int action) {
        if (action != QAbstractSlider::SliderMove)
            QMetaObject::invokeMethod(
                this, [this] { m_player.seek(m_timeline->value()); }, Qt::QueuedConnection);
    });
    connect(m_timeline, &QSlider::sliderMoved, this, [this](int value) {
        m_timeline->setToolTip(tr("After statement %1, at %2").arg(value).arg(clockText(m_player.timeAt(value))));
    });
    connect(&m_player, &ScenarioPlayer::positionChanged, this, &ScenarioControls::update);
    connect(&m_player, &ScenarioPlayer::stateChanged, this, &ScenarioControls::update);
    update();
}

QString ScenarioControls::statusText() const
{
    return m_status->text();
}

void ScenarioControls::update()
{
    using S = ScenarioPlayer::State;
    const S state = m_player.state();
    const bool loaded = state != S::Empty;
    const bool playing = state == S::Playing;
    m_playPause->setIcon(m_toolBar->style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_playPause->setText(playing ? tr("Pause") : tr("Play"));
    m_playPause->setToolTip(playing ? tr("Pause the scenario (Space)") : tr("Play the scenario (Space)"));
    for (QAction *a : {m_restart, m_stepBack, m_playPause, m_step, m_close})
        a->setEnabled(loaded && state != S::Seeking);
    m_step->setEnabled(loaded && state != S::Seeking && state != S::Finished);
    m_stepBack->setEnabled(loaded && state != S::Seeking && m_player.position() > m_player.startPosition());
    if (!m_timeline->isSliderDown()) {
        const QSignalBlocker block(m_timeline);
        m_timeline->setRange(static_cast<int>(std::min<std::int64_t>(m_player.startPosition(), INT32_MAX)),
            static_cast<int>(std::min<std::int64_t>(m_player.furthest(), INT32_MAX)));
        m_timeline->setValue(static_cast<int>(std::min<std::int64_t>(m_player.position(), INT32_MAX)));
    }
    m_timeline->setEnabled(loaded && state != S::Seeking);
    QString text;
    if (state == S::Seeking)
        text = tr("rewinding…");
    else if (loaded)
        text = clockText(m_player.elapsedMs())
            + (state == S::Finished ? tr("  finished") : tr("  line %1").arg(m_player.currentLine()));
    if (loaded)
        text += QStringLiteral("  ✓ %1").arg(m_player.passed())
            + (m_player.failed() > 0 ? QStringLiteral("  ✗ %1").arg(m_player.failed()) : QString());
    m_status->setText(text);
}

} // namespace ql
