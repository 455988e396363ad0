// The time toolbar: play/pause the virtual clock, step to the next timeout, speed from
// 0.25x to 8x, and reset the world. Pausing stops the clock the broker reads, so blocking
// timeouts, stream ids and idle times all freeze together (animations follow the same
// clock).
#pragma once

#include <QObject>

#include <cstdint>

class QAction;
class QComboBox;
class QToolBar;
class QLabel;
class QTimer;

namespace ql {

// The speeds the time and scenario toolbars offer.
inline constexpr double kPlaybackSpeeds[] = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0};

class Broker;
class VirtualClock;

class TimeControls : public QObject {
    Q_OBJECT
public:
    TimeControls(Broker &broker, VirtualClock &clock, QWidget *parent);

    QToolBar *toolBar() const { return m_toolBar; }
    QList<QAction *> actions() const;
    QAction *playPauseAction() const { return m_playPause; }
    QAction *stepAction() const { return m_step; }

    // The label counts from this virtual time (a scenario restarts the clock at its epoch).
    void setOrigin(std::int64_t ms);
    bool isPlaying() const;
    void setPlaying(bool playing);
    void setSpeed(double speed);
    double speed() const;

Q_SIGNALS:
    void resetRequested();
    void playingChanged(bool playing);
    void speedChanged(double speed);

private:
    void updatePlayPause();
    void updateClockLabel();

    Broker &m_broker;
    VirtualClock &m_clock;
    QToolBar *m_toolBar;
    QAction *m_playPause;
    QAction *m_step;
    QAction *m_reset;
    QComboBox *m_speed;
    QLabel *m_clockLabel;
    QTimer *m_tick;
    std::int64_t m_startMs; // the label shows time since the window opened
};

} // namespace ql
