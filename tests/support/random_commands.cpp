#include "random_commands.h"

#include "diff_runner.h"

#include <cctype>

namespace ql::test {

namespace {
const std::vector<std::string> kKeys = {"l1", "l2", "s1", "s2", "str", "", "x"};
const std::vector<std::string> kOdd = {"", "-1", "0", "abc", "9223372036854775807", "9223372036854775808",
    std::string("\x00\xff", 2), "*", "+", "-", "1.5", "-0"};
} // namespace

std::string RandomCommands::key()
{
    return oneOf(kKeys);
}
std::string RandomCommands::listKey()
{
    return chance(85) ? oneOf<std::string>({"l1", "l2"}) : key();
}
std::string RandomCommands::streamKey()
{
    return chance(85) ? oneOf<std::string>({"s1", "s2"}) : key();
}

std::string RandomCommands::value()
{
    static const std::vector<std::string> v
        = {"a", "b", "c", "job-1", "job-2", "", "hello world", std::string("\x00\x01\xfe", 3), "42", "-7", "a\r\nb"};
    return oneOf(v);
}

std::string RandomCommands::index()
{
    static const std::vector<std::string> v
        = {"0", "1", "2", "-1", "-2", "-100", "100", "5", "abc", "9223372036854775807", "-9223372036854775808"};
    return oneOf(v);
}

std::string RandomCommands::count()
{
    static const std::vector<std::string> v = {"0", "1", "2", "3", "10", "-1", "abc", "9223372036854775807", "100"};
    return oneOf(v);
}

std::string RandomCommands::streamId()
{
    static const std::vector<std::string> v = {"1-1", "1-2", "2-0", "3-5", "5-*", "7", "10-1", "0-0", "0-1",
        "18446744073709551615-18446744073709551615", "x-1", "1-x", "-1"};
    if (chance(30))
        return std::to_string(pick(40) + 1) + "-" + std::to_string(pick(3));
    return oneOf(v);
}

std::string RandomCommands::rangeId()
{
    static const std::vector<std::string> v
        = {"-", "+", "0", "1", "2-0", "(1-1", "(2", "3-5", "10", "(+", "(-", "abc", "0-0", "20-0"};
    return oneOf(v);
}

std::string RandomCommands::group()
{
    return oneOf<std::string>({"g1", "g2", "nog"});
}
std::string RandomCommands::consumer()
{
    return oneOf<std::string>({"c1", "c2", "c3"});
}
std::string RandomCommands::channel()
{
    return oneOf<std::string>({"news", "sport", "news.it", "n*", "s?ort"});
}
std::string RandomCommands::side()
{
    return oneOf<std::string>({"LEFT", "RIGHT", "left", "UP"});
}
std::string RandomCommands::shortTimeout()
{
    return oneOf<std::string>({"0.01", "0.02", "-1", "abc", "0.01"});
}

GeneratedCommand RandomCommands::listCommand()
{
    GeneratedCommand g;
    auto &a = g.argv;
    switch (pick(17)) {
    case 0:
        a = {oneOf<std::string>({"LPUSH", "RPUSH"}), listKey(), value()};
        if (chance(50))
            a.push_back(value());
        break;
    case 1: a = {oneOf<std::string>({"LPUSHX", "RPUSHX"}), listKey(), value()}; break;
    case 2:
        a = {oneOf<std::string>({"LPOP", "RPOP"}), listKey()};
        if (chance(40))
            a.push_back(count());
        break;
    case 3: a = {"LLEN", listKey()}; break;
    case 4: a = {"LRANGE", listKey(), index(), index()}; break;
    case 5: a = {"LINDEX", listKey(), index()}; break;
    case 6: a = {"LSET", listKey(), index(), value()}; break;
    case 7: a = {"LINSERT", listKey(), oneOf<std::string>({"BEFORE", "AFTER", "MIDDLE"}), value(), value()}; break;
    case 8: a = {"LREM", listKey(), index(), value()}; break;
    case 9: a = {"LTRIM", listKey(), index(), index()}; break;
    case 10:
        a = {"LPOS", listKey(), value()};
        if (chance(40))
            a.insert(a.end(), {"RANK", index()});
        if (chance(40))
            a.insert(a.end(), {"COUNT", count()});
        if (chance(30))
            a.insert(a.end(), {"MAXLEN", count()});
        break;
    case 11: a = {"RPOPLPUSH", listKey(), listKey()}; break;
    case 12: a = {"LMOVE", listKey(), listKey(), side(), side()}; break;
    case 13:
        a = {"LMPOP", oneOf<std::string>({"1", "2", "0", "3", "x"}), listKey(), listKey(), side()};
        if (chance(40))
            a.insert(a.end(), {"COUNT", count()});
        break;
    default: a = {oneOf<std::string>({"LPUSH", "RPUSH"}), listKey(), value(), value(), value()}; break;
    }
    return g;
}

GeneratedCommand RandomCommands::blockingListCommand()
{
    GeneratedCommand g;
    auto &a = g.argv;
    switch (pick(5)) {
    case 0: a = {oneOf<std::string>({"BLPOP", "BRPOP"}), listKey(), listKey(), shortTimeout()}; break;
    case 1: a = {"BRPOPLPUSH", listKey(), listKey(), shortTimeout()}; break;
    case 2: a = {"BLMOVE", listKey(), listKey(), side(), side(), shortTimeout()}; break;
    default:
        a = {"BLMPOP", shortTimeout(), oneOf<std::string>({"1", "2", "0"}), listKey(), listKey(), side()};
        if (chance(40))
            a.insert(a.end(), {"COUNT", oneOf<std::string>({"1", "2", "0", "-1"})});
        break;
    }
    return g;
}

GeneratedCommand RandomCommands::streamCommand()
{
    GeneratedCommand g;
    auto &a = g.argv;
    switch (pick(9)) {
    case 0:
    case 1: {
        a = {"XADD", streamKey()};
        if (chance(10))
            a.push_back("NOMKSTREAM");
        if (chance(25)) {
            a.push_back(oneOf<std::string>({"MAXLEN", "MINID"}));
            if (chance(50))
                a.push_back(oneOf<std::string>({"=", "~"}));
            a.push_back(chance(50) ? count() : streamId());
            if (chance(15))
                a.insert(a.end(), {"LIMIT", count()});
        }
        a.push_back(streamId());
        a.push_back(oneOf<std::string>({"f", "name", ""}));
        a.push_back(value());
        if (chance(20)) {
            a.push_back("g");
            a.push_back(value());
        }
        break;
    }
    case 2: a = {"XLEN", streamKey()}; break;
    case 3:
        a = {oneOf<std::string>({"XRANGE", "XREVRANGE"}), streamKey(), rangeId(), rangeId()};
        if (chance(40))
            a.insert(a.end(), {"COUNT", count()});
        break;
    case 4:
        a = {"XDEL", streamKey(), streamId()};
        if (chance(30))
            a.push_back(streamId());
        break;
    case 5:
        a = {"XTRIM", streamKey(), oneOf<std::string>({"MAXLEN", "MINID", "FOO"})};
        if (chance(40))
            a.push_back(oneOf<std::string>({"=", "~"}));
        a.push_back(chance(50) ? count() : streamId());
        break;
    case 6:
        a = {"XREAD"};
        if (chance(40))
            a.insert(a.end(), {"COUNT", count()});
        a.insert(a.end(), {"STREAMS", streamKey()});
        if (chance(30)) {
            a.push_back(streamKey());
            a.push_back(rangeId());
        }
        a.push_back(oneOf<std::string>({"0", "1-1", "$", "5", "0-0"}));
        break;
    case 7:
        a = {"XINFO", "STREAM", streamKey()};
        if (chance(30)) {
            a.push_back("FULL");
            g.norm = kNormInts;
        }
        break;
    default: a = {"XSETID", streamKey(), streamId()}; break;
    }
    return g;
}

GeneratedCommand RandomCommands::streamGroupCommand()
{
    GeneratedCommand g;
    auto &a = g.argv;
    switch (pick(12)) {
    case 0:
        a = {"XGROUP", "CREATE", streamKey(), group(), oneOf<std::string>({"$", "0", "1-1", "x"})};
        if (chance(40))
            a.push_back("MKSTREAM");
        if (chance(20))
            a.insert(a.end(), {"ENTRIESREAD", count()});
        break;
    case 1: a = {"XGROUP", "SETID", streamKey(), group(), oneOf<std::string>({"$", "0", "2-0"})}; break;
    case 2: a = {"XGROUP", "DESTROY", streamKey(), group()}; break;
    case 3:
        a = {"XGROUP", oneOf<std::string>({"CREATECONSUMER", "DELCONSUMER"}), streamKey(), group(), consumer()};
        break;
    case 4:
    case 5:
        a = {"XREADGROUP", "GROUP", group(), consumer()};
        if (chance(50))
            a.insert(a.end(), {"COUNT", oneOf<std::string>({"1", "2", "5", "0", "-1"})});
        if (chance(15))
            a.push_back("NOACK");
        a.insert(a.end(), {"STREAMS", streamKey(), oneOf<std::string>({">", ">", "0", "1-1", "$"})});
        break;
    case 6:
        a = {"XACK", streamKey(), group(), streamId()};
        if (chance(40))
            a.push_back(streamId());
        break;
    case 7: a = {"XPENDING", streamKey(), group()}; break;
    case 8:
        a = {"XPENDING", streamKey(), group(), rangeId(), rangeId(), count()};
        if (chance(40))
            a.push_back(consumer());
        g.norm = kNormInts;
        break;
    case 9:
        a = {"XCLAIM", streamKey(), group(), consumer(), oneOf<std::string>({"0", "100000", "-1"}), streamId()};
        if (chance(30))
            a.push_back("JUSTID");
        if (chance(20))
            a.insert(a.end(), {"RETRYCOUNT", count()});
        if (chance(15))
            a.push_back("FORCE");
        break;
    case 10:
        a = {"XAUTOCLAIM", streamKey(), group(), consumer(), oneOf<std::string>({"0", "100000"}), rangeId()};
        if (chance(40))
            a.insert(a.end(), {"COUNT", count()});
        if (chance(30))
            a.push_back("JUSTID");
        break;
    default:
        a = {"XINFO", oneOf<std::string>({"GROUPS", "CONSUMERS"}), streamKey()};
        if (a[1] == "CONSUMERS")
            a.push_back(group());
        g.norm = kNormInts;
        break;
    }
    return g;
}

GeneratedCommand RandomCommands::pubsubCommand()
{
    GeneratedCommand g;
    auto &a = g.argv;
    switch (pick(6)) {
    case 0:
        g.connection = "sub";
        a = {oneOf<std::string>({"SUBSCRIBE", "PSUBSCRIBE"}), channel()};
        break;
    case 1:
        g.connection = "sub";
        a = {oneOf<std::string>({"UNSUBSCRIBE", "PUNSUBSCRIBE"})};
        if (chance(60))
            a.push_back(channel());
        else if (a[0] == "UNSUBSCRIBE")
            g.norm = kNormSkip; // Redis walks the channels in hash order; later commands compare the state
        break;
    case 2:
        a = {"PUBSUB", "CHANNELS"};
        if (chance(50))
            a.push_back(channel());
        g.norm = kNormSort;
        break;
    case 3: a = {"PUBSUB", "NUMSUB", channel(), channel()}; break;
    case 4: a = {"PUBSUB", "NUMPAT"}; break;
    default: a = {"PUBLISH", channel(), value()}; break;
    }
    return g;
}

GeneratedCommand RandomCommands::keyCommand()
{
    GeneratedCommand g;
    auto &a = g.argv;
    switch (pick(12)) {
    case 0:
        a = {"DEL", key()};
        if (chance(40))
            a.push_back(key());
        break;
    case 1: a = {"EXISTS", key(), key()}; break;
    case 2: a = {"TYPE", key()}; break;
    case 3: a = {"RENAME", key(), key()}; break;
    case 4:
        a = {"EXPIRE", key(), oneOf<std::string>({"1000", "5000", "abc"})};
        if (chance(30))
            a.push_back(oneOf<std::string>({"NX", "XX", "GT", "LT"}));
        break;
    case 5: a = {oneOf<std::string>({"TTL", "PERSIST"}), key()}; break;
    case 6:
        a = {"KEYS", oneOf<std::string>({"*", "l*", "s?", "[ls]1"})};
        g.norm = kNormSort;
        break;
    case 7:
        a = {"SET", key(), value()};
        if (chance(30))
            a.push_back(oneOf<std::string>({"NX", "XX", "GET"}));
        break;
    case 8: a = {oneOf<std::string>({"GET", "INCR", "STRLEN"}), key()}; break;
    case 9: a = {"DBSIZE"}; break;
    case 10: a = {"APPEND", key(), value()}; break;
    default: a = {oneOf<std::string>({"PING", "ECHO"}), value()}; break;
    }
    return g;
}

void RandomCommands::mutate(std::vector<std::string> &argv)
{
    switch (pick(3)) {
    case 0:
        if (argv.size() > 1)
            argv.pop_back();
        break;
    case 1: argv.push_back(oneOf(kOdd)); break;
    default:
        if (argv.size() > 1)
            argv[1 + pick(argv.size() - 1)] = oneOf(kOdd);
        break;
    }
}

GeneratedCommand RandomCommands::next()
{
    GeneratedCommand g;
    std::size_t family = pick(100);
    bool blocking = false;
    if (family < 30)
        g = listCommand();
    else if (family < 33) {
        g = blockingListCommand();
        blocking = true;
    } else if (family < 53)
        g = streamCommand();
    else if (family < 73)
        g = streamGroupCommand();
    else if (family < 83)
        g = pubsubCommand();
    else
        g = keyCommand();
    // Lowercase command names now and then: lookups are case-insensitive.
    if (chance(5))
        for (auto &c : g.argv[0])
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool pubsubConnection = g.connection != "main";
    if (!blocking && !pubsubConnection && chance(12))
        mutate(g.argv);
    return g;
}

} // namespace ql::test
