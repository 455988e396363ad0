// What a RequestParser made of some input: the commands, then how it stopped.
#pragma once

#include "resp/request_parser.h"
#include "resp_test_suites.h"

#include <QByteArrayList>
#include <QList>

#include <string_view>

struct ParserTranscript {
    QList<QByteArrayList> commands;
    bool failed = false;
    QByteArray error; // errorText() when failed

    bool operator==(const ParserTranscript &) const = default;
};

// Calls next() until the parser needs more input or fails.
inline void drainParser(ql::RequestParser &parser, ParserTranscript &transcript)
{
    std::vector<std::string> argv;
    for (;;) {
        const auto status = parser.next(argv);
        if (status == ql::RequestParser::Status::NeedMore)
            return;
        if (status == ql::RequestParser::Status::ProtocolError) {
            transcript.failed = true;
            transcript.error = bytes(parser.errorText());
            return;
        }
        QByteArrayList command;
        for (const std::string &arg : argv)
            command << bytes(arg);
        transcript.commands << command;
    }
}

// Feeds `input` in pieces of `chunk` bytes (0: all at once), draining after each piece.
inline ParserTranscript parseInChunks(std::string_view input, std::size_t chunk, ql::RequestLimits limits = {})
{
    ql::RequestParser parser(limits);
    ParserTranscript transcript;
    const std::size_t step = chunk == 0 ? input.size() : chunk;
    for (std::size_t pos = 0; pos < input.size() && !transcript.failed; pos += step) {
        parser.feed(input.substr(pos, step));
        drainParser(parser, transcript);
    }
    if (input.empty())
        drainParser(parser, transcript);
    return transcript;
}
