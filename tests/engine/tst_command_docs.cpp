// COMMAND DOCS arguments (core/engine/command_docs.h): argument trees of several commands
// against the ones redis-server 7.0.15 gives (written down in the compact form below),
// every syntax string of the table read and rendered back unchanged, and every command's
// `arguments` compared with a private redis-server's, field by field. Also COMMAND LIST
// and its FILTERBY against redis-server.
//
// Compact form: name:type, then #key_spec_index, @TOKEN, ? optional, + multiple,
// ! multiple_token, and (members) of a oneof or block.
#include "engine/command_docs.h"
#include "engine/engine.h"
#include "redis_connection.h"
#include "redis_server.h"
#include "resp/reply_reader.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace ql;
using namespace ql::test;

namespace {

std::string describe(const std::vector<DocArgument> &args)
{
    std::string out;
    for (const auto &a : args) {
        if (!out.empty())
            out += ' ';
        out += a.name + ':' + a.type;
        if (a.keySpecIndex >= 0)
            out += '#' + std::to_string(a.keySpecIndex);
        if (!a.token.empty())
            out += '@' + a.token;
        out += std::string(a.optional ? "?" : "") + (a.multiple ? "+" : "") + (a.multipleToken ? "!" : "");
        if (!a.arguments.empty())
            out += '(' + describe(a.arguments) + ')';
    }
    return out;
}

// The same compact form, read from the `arguments` value of a COMMAND DOCS reply.
std::string describe(const Reply &args)
{
    std::string out;
    for (const Reply &m : args.items()) {
        std::string name, type, key, token, flags, members;
        for (std::size_t i = 0; i + 1 < m.items().size(); i += 2) {
            const std::string &field = m.items()[i].str();
            const Reply &v = m.items()[i + 1];
            if (field == "name")
                name = v.str();
            else if (field == "type")
                type = v.str();
            else if (field == "key_spec_index")
                key = '#' + std::to_string(v.integerValue());
            else if (field == "token")
                token = '@' + v.str();
            else if (field == "flags")
                for (const Reply &f : v.items())
                    flags += f.str() == "optional" ? "?" : f.str() == "multiple" ? "+" : "!";
            else if (field == "arguments")
                members = '(' + describe(v) + ')';
        }
        out += (out.empty() ? "" : " ") + name + ':' + type + key + token + flags + members;
    }
    return out;
}

// A map reply's value for `field`, or nullptr.
const Reply *field(const Reply &map, const std::string &name)
{
    for (std::size_t i = 0; i + 1 < map.items().size(); i += 2)
        if (map.items()[i].str() == name)
            return &map.items()[i + 1];
    return nullptr;
}

// Drops what QueueLab does not give (the version an argument came or went in) from
// redis-server's arguments; redis-cli 7.0 reads neither.
Reply withoutVersions(const Reply &args)
{
    Reply out = Reply::array();
    for (const Reply &m : args.items()) {
        Reply copy = Reply::map();
        for (std::size_t i = 0; i + 1 < m.items().size(); i += 2) {
            const std::string &name = m.items()[i].str();
            if (name == "since" || name == "deprecated_since")
                continue;
            copy.addPair(name, name == "arguments" ? withoutVersions(m.items()[i + 1]) : m.items()[i + 1]);
        }
        out.add(std::move(copy));
    }
    return out;
}

std::string fullName(const CommandSpec *parent, const CommandSpec &spec)
{
    return parent ? std::string(parent->name) + '|' + std::string(spec.name) : std::string(spec.name);
}

// Every command without subcommands, and every subcommand, by full name, with its syntax.
std::vector<std::pair<std::string, std::string>> documentedCommands(const CommandTable &table)
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &spec : table.all()) {
        if (spec.subcommands.empty())
            out.emplace_back(fullName(nullptr, spec), std::string(spec.syntax));
        for (const auto &sub : spec.subcommands)
            out.emplace_back(fullName(&spec, sub), std::string(sub.syntax));
    }
    return out;
}

// CLIENT KILL's syntax string (core/engine/broker_commands.cpp) is not yet Redis's.
constexpr const char *kClientKillRedisSyntax
    = "ip:port|[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|[ADDR ip:port]|"
      "[LADDR ip:port]|[SKIPME yes/no] [[ID client-id]|[TYPE NORMAL|MASTER|SLAVE|REPLICA|PUBSUB]|[USER username]|"
      "[ADDR ip:port]|[LADDR ip:port]|[SKIPME yes/no] ...]";

} // namespace

class TestCommandDocs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void trees_match_redis_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("syntax"); // empty: the table's
        QTest::addColumn<QByteArray>("expected");
        auto row = [](const char *command, const char *syntax, const char *expected) {
            QTest::newRow(command) << QByteArray(command) << QByteArray(syntax) << QByteArray(expected);
        };
        // Each expected tree is redis-server 7.0.15's COMMAND DOCS, without `since`.
        row("xadd", "",
            "key:key#0 nomkstream:pure-token@NOMKSTREAM? trim:block?(strategy:oneof("
            "maxlen:pure-token@MAXLEN minid:pure-token@MINID) operator:oneof?(equal:pure-token@= "
            "approximately:pure-token@~) threshold:string count:integer@LIMIT?) "
            "id_or_auto:oneof(auto_id:pure-token@* id:string) field_value:block+(field:string "
            "value:string)");
        row("xtrim", "",
            "key:key#0 trim:block(strategy:oneof(maxlen:pure-token@MAXLEN "
            "minid:pure-token@MINID) operator:oneof?(equal:pure-token@= "
            "approximately:pure-token@~) threshold:string count:integer@LIMIT?)");
        row("set", "",
            "key:key#0 value:string condition:oneof?(nx:pure-token@NX xx:pure-token@XX) "
            "get:pure-token@GET? expiration:oneof?(seconds:integer@EX milliseconds:integer@PX "
            "unix-time-seconds:unix-time@EXAT unix-time-milliseconds:unix-time@PXAT "
            "keepttl:pure-token@KEEPTTL)");
        row("xreadgroup", "",
            "group_consumer:block@GROUP(group:string consumer:string) count:integer@COUNT? "
            "milliseconds:integer@BLOCK? noack:pure-token@NOACK? streams:block@STREAMS(key:key#0+ id:string+)");
        row("xpending", "",
            "key:key#0 group:string filters:block?(min-idle-time:integer@IDLE? start:string "
            "end:string count:integer consumer:string?)");
        row("hello", "",
            "arguments:block?(protover:integer username_password:block@AUTH?(username:string "
            "password:string) clientname:string@SETNAME?)");
        row("blmove", "",
            "source:key#0 destination:key#1 wherefrom:oneof(left:pure-token@LEFT "
            "right:pure-token@RIGHT) whereto:oneof(left:pure-token@LEFT right:pure-token@RIGHT) "
            "timeout:double");
        row("lpos", "",
            "key:key#0 element:string rank:integer@RANK? num-matches:integer@COUNT? "
            "len:integer@MAXLEN?");
        row("xclaim", "",
            "key:key#0 group:string consumer:string min-idle-time:string id:string+ "
            "ms:integer@IDLE? unix-time-milliseconds:unix-time@TIME? count:integer@RETRYCOUNT? "
            "force:pure-token@FORCE? justid:pure-token@JUSTID? id:string@LASTID?");
        row("xgroup|create", "",
            "key:key#0 groupname:string id:oneof(id:string new_id:pure-token@$) "
            "mkstream:pure-token@MKSTREAM? entries_read:integer@ENTRIESREAD?");
        row("xinfo|stream", "", "key:key#0 full:block@FULL?(count:integer@COUNT?)");
        row("config|get", "", "parameter:block+(parameter:string)");
        row("psubscribe", "", "pattern:block+(pattern:pattern)");
        row("command|list", "",
            "filterby:oneof@FILTERBY?(module-name:string@MODULE category:string@ACLCAT "
            "pattern:pattern@PATTERN)");
        row("client|list", "",
            "normal_master_replica_pubsub:oneof@TYPE?(normal:pure-token@NORMAL "
            "master:pure-token@MASTER replica:pure-token@REPLICA "
            "pubsub:pure-token@PUBSUB) id:block@ID?(client-id:integer+)");
        row("client|kill", kClientKillRedisSyntax,
            "filter:oneof(ip:port:string new-format:oneof+(client-id:integer@ID? "
            "normal_master_slave_pubsub:oneof@TYPE?(normal:pure-token@NORMAL "
            "master:pure-token@MASTER slave:pure-token@SLAVE replica:pure-token@REPLICA "
            "pubsub:pure-token@PUBSUB) username:string@USER? ip:port:string@ADDR? "
            "ip:port:string@LADDR? yes/no:string@SKIPME?))");
        row("blmpop", "",
            "timeout:double numkeys:integer key:key#0+ where:oneof(left:pure-token@LEFT "
            "right:pure-token@RIGHT) count:integer@COUNT?");
        row("flushall", "", "async:oneof?(async:pure-token@ASYNC sync:pure-token@SYNC)");
        row("rename", "", "key:key#0 newkey:key#1");
    }

    void trees_match_redis()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, syntax);
        QFETCH(QByteArray, expected);
        std::string text = syntax.toStdString();
        if (text.empty()) {
            Engine engine;
            for (const auto &[name, s] : documentedCommands(engine.commands()))
                if (name == command.toStdString())
                    text = s;
            QVERIFY2(!text.empty(), "not in the table");
        }
        const auto args = commandArguments(command.toStdString(), text);
        QCOMPARE(QByteArray::fromStdString(describe(args)), expected);
        QCOMPARE(QByteArray::fromStdString(renderArguments(args)), QByteArray::fromStdString(text));
    }

    void notation_data()
    {
        QTest::addColumn<QByteArray>("syntax");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("rendered");
        auto row = [](const char *tag, const char *syntax, const char *expected, const char *rendered = nullptr) {
            QTest::newRow(tag) << QByteArray(syntax) << QByteArray(expected)
                               << QByteArray(rendered ? rendered : syntax);
        };
        row("nothing", "", "");
        row("token repeated", "key [GET pattern [GET pattern ...]]", "key:key#0 pattern:pattern@GET?+!");
        row("pair repeated", "key field value [field value ...]",
            "key:key#0 field_value:block+(field:string value:string)");
        row("explicit block", "{a b} c", "a_b:block(a:string b:string) c:string", "a b c");
        row("choice of options", "[A x|B y]", "x_y:oneof?(x:string@A y:string@B)");
        row("choice of words", "a|b c", "a_b:oneof(a:string b:string) c:string");
        row("token takes a block", "KEYS key [key ...]", "key:block@KEYS(key:key#0+)");
        row("token stops at an option", "GROUP g c [COUNT n] STREAMS key [key ...]",
            "g_c:block@GROUP(g:string c:string) n:string@COUNT? key:block@STREAMS(key:key#0+)");
        row("symbols", "[=|~] *|$",
            "equal_approximately:oneof?(equal:pure-token@= approximately:pure-token@~) "
            "auto_id_new_id:oneof(auto_id:pure-token@* new_id:pure-token@$)");
    }

    void notation()
    {
        QFETCH(QByteArray, syntax);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, rendered);
        const auto args = commandArguments("no-such-command", syntax.toStdString());
        QCOMPARE(QByteArray::fromStdString(describe(args)), expected);
        QCOMPARE(QByteArray::fromStdString(renderArguments(args)), rendered);
    }

    void malformed_syntax_does_not_crash_data()
    {
        QTest::addColumn<QByteArray>("syntax");
        for (const char *s : {"[", "]", "{", "}", "|", "||", "a||b", "[a", "a]", "[a|]", "[|a]", "[...]", "a [b ...]",
                 "[[[[", "]]]]", "A", "A B", "a | b", "  a  ", "[a ...", "{}", "[]", "a|[b ...]"})
            QTest::newRow(s) << QByteArray(s);
    }

    void malformed_syntax_does_not_crash()
    {
        QFETCH(QByteArray, syntax);
        const auto args = parseSyntax(syntax.toStdString());
        (void)renderArguments(args);
        (void)argumentsReply(args);
    }

    void every_syntax_renders_back_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("syntax");
        Engine engine;
        for (const auto &[name, syntax] : documentedCommands(engine.commands()))
            QTest::newRow(name.c_str()) << QByteArray::fromStdString(name) << QByteArray::fromStdString(syntax);
    }

    // What redis-cli prints as a command's syntax is exactly the table's syntax string.
    void every_syntax_renders_back()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, syntax);
        QCOMPARE(
            QByteArray::fromStdString(renderArguments(commandArguments(command.toStdString(), syntax.toStdString()))),
            syntax);
    }

    void initTestCase() { m_redisStarted = m_server.start(); }

    void matches_redis_server_data()
    {
        QTest::addColumn<QByteArray>("command");
        Engine engine;
        for (const auto &[name, syntax] : documentedCommands(engine.commands()))
            QTest::newRow(name.c_str()) << QByteArray::fromStdString(name);
    }

    // Every command's and subcommand's `arguments`, field by field, as redis-server gives
    // them (RESP3, so maps, sets and statuses are compared too).
    void matches_redis_server()
    {
        QFETCH(QByteArray, command);
        QVERIFY2(m_redisStarted, m_server.error().c_str());
        const std::string name = command.toStdString();

        Engine engine;
        engine.openClient(1);
        const Reply ours = engine.execute(1, {"COMMAND", "DOCS", name}, 0).reply;
        QCOMPARE(ours.items().size(), std::size_t(2));
        const Reply *ourArgs = field(ours.items()[1], "arguments");

        const Reply theirs = redis({"COMMAND", "DOCS", name});
        QCOMPARE(theirs.items().size(), std::size_t(2));
        const Reply *theirArgs = field(theirs.items()[1], "arguments");

        QCOMPARE(ourArgs != nullptr, theirArgs != nullptr);
        if (!ourArgs)
            return;
        const Reply expected = withoutVersions(*theirArgs);
        QCOMPARE(QString::fromStdString(describe(*ourArgs)), QString::fromStdString(describe(expected)));
        QVERIFY(*ourArgs == expected); // field order and reply types too
    }

    void command_list_matches_redis_data()
    {
        QTest::addColumn<QByteArrayList>("args");
        QTest::newRow("all") << QByteArrayList {};
        QTest::newRow("pattern") << QByteArrayList {"FILTERBY", "PATTERN", "x*"};
        QTest::newRow("pattern of subcommands") << QByteArrayList {"filterby", "pattern", "XGROUP|C*"};
        QTest::newRow("module") << QByteArrayList {"FILTERBY", "MODULE", "foo"};
        QTest::newRow("category stream") << QByteArrayList {"FILTERBY", "ACLCAT", "stream"};
        QTest::newRow("category list") << QByteArrayList {"FILTERBY", "ACLCAT", "LIST"};
        QTest::newRow("unknown category") << QByteArrayList {"FILTERBY", "ACLCAT", "nope"};
        QTest::newRow("no filter type") << QByteArrayList {"FILTERBY"};
        QTest::newRow("unknown filter type") << QByteArrayList {"FILTERBY", "FOO", "x"};
        QTest::newRow("extra argument") << QByteArrayList {"FILTERBY", "PATTERN", "x", "y"};
        QTest::newRow("unknown option") << QByteArrayList {"FOO"};
    }

    // COMMAND LIST names commands and subcommands ("xgroup|create"); redis-server has more
    // commands, so its list is cut to QueueLab's names before comparing.
    void command_list_matches_redis()
    {
        QFETCH(QByteArrayList, args);
        QVERIFY2(m_redisStarted, m_server.error().c_str());
        std::vector<std::string> argv {"COMMAND", "LIST"};
        for (const QByteArray &a : args)
            argv.push_back(a.toStdString());

        Engine engine;
        engine.openClient(1);
        const Reply ours = engine.execute(1, argv, 0).reply;
        const Reply theirs = redis(argv);
        QCOMPARE(ours.isError(), theirs.isError());
        if (theirs.isError()) {
            QCOMPARE(QString::fromStdString(ours.str()), QString::fromStdString(theirs.str()));
            return;
        }
        std::set<std::string> known;
        for (const auto &[name, syntax] : documentedCommands(engine.commands()))
            known.insert(name);
        for (const auto &spec : engine.commands().all())
            known.insert(std::string(spec.name));
        std::set<std::string> ourNames, theirNames;
        for (const Reply &r : ours.items())
            ourNames.insert(r.str());
        for (const Reply &r : theirs.items())
            if (known.count(r.str()))
                theirNames.insert(r.str());
        QCOMPARE(ourNames.size(), ours.items().size()); // no name twice
        auto joined = [](const std::set<std::string> &names) {
            QStringList out;
            for (const auto &n : names)
                out << QString::fromStdString(n);
            return out.join(QLatin1Char(' '));
        };
        QCOMPARE(joined(ourNames), joined(theirNames));
    }

    void cleanupTestCase() { m_server.stop(); }

private:
    Reply redis(const std::vector<std::string> &argv)
    {
        if (!m_connection.isConnected()) {
            if (!m_connection.connect(m_server.port()))
                return Reply::error("cannot connect");
            m_connection.send({"HELLO", "3"});
            m_connection.readReply(5000);
        }
        m_connection.send(argv);
        auto bytes = m_connection.readReply(5000);
        return bytes ? decodeReply(*bytes) : Reply::error("no reply");
    }

    RedisServer m_server;
    RedisConnection m_connection;
    bool m_redisStarted = false;
};

QTEST_APPLESS_MAIN(TestCommandDocs)
#include "tst_command_docs.moc"
