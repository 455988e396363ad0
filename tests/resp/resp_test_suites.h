// The test classes of tst_resp. Each tst_*.cpp runs its class with QTest::qExec.
#pragma once

#include "engine/reply.h"

#include <QByteArray>
#include <QMetaType>

#include <string>

Q_DECLARE_METATYPE(ql::Reply)

int runRespEncoderTests(int argc, char **argv);
int runSplitArgsTests(int argc, char **argv);
int runRequestParserTests(int argc, char **argv);
int runReplyReaderTests(int argc, char **argv);
int runRespRandomBytesTests(int argc, char **argv);

// std::string has no QTest::toString; compare as QByteArray so failures print the bytes.
inline QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

// A string literal as bytes, embedded NULs included: raw("a\0b") has size 3.
template <std::size_t N> QByteArray raw(const char (&literal)[N])
{
    return QByteArray(literal, static_cast<qsizetype>(N - 1));
}
