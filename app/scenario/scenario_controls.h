// The scenario toolbar: restart, step back, play/pause, step, speed, the timeline (drag it
// back to see the world as it was after that statement, forward again up to the furthest
// point reached) and a status: virtual time, line, expectations held and failed.
#pragma once

#include <QObject>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolBar;
class QWidget;

namespace ql {

class ScenarioPlayer;

class ScenarioControls : public QObject {
    Q_OBJECT
public:
    ScenarioControls(ScenarioPlayer &player, QWidget *parent);

    QToolBar *toolBar() const { return m_toolBar; }
    QAction *playPauseAction() const { return m_playPause; }
    QAction *stepAction() const { return m_step; }
    QAction *stepBackAction() const { return m_stepBack; }
    QAction *restartAction() const { return m_restart; }
    QAction *closeAction() const { return m_close; }
    QSlider *timeline() const { return m_timeline; }
    QString statusText() const;

Q_SIGNALS:
    void closeRequested();

private:
    void update();

    ScenarioPlayer &m_player;
    QToolBar *m_toolBar;
    QAction *m_restart;
    QAction *m_stepBack;
    QAction *m_playPause;
    QAction *m_step;
    QAction *m_close;
    QComboBox *m_speed;
    QSlider *m_timeline;
    QLabel *m_status;
};

} // namespace ql
