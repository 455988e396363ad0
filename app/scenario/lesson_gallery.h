// The lesson gallery: the scenarios built into the app (resources/scenarios, compiled in
// as :/scenarios/*.qls), each with the title and summary from its header:
//
//   # title: Pub/Sub fan-out
//   # summary: Two subscribers both receive every message published to a channel.
#pragma once

#include <QList>
#include <QString>

namespace ql {

struct Lesson {
    QString path; // ":/scenarios/01-pubsub-fanout.qls" or a file on disk
    QString title; // the file name when the header has none
    QString summary;
};

// Built-in lessons in file-name order.
QList<Lesson> builtInLessons();
// Title and summary from a scenario's header comments.
Lesson describeLesson(const QString &path, const QString &text);

} // namespace ql
