// The rows of tst_scenario_parser's tables: texts that parse (with the steps they give, in
// scenario_describe.h's notation) and texts with mistakes (with the exact diagnostics).
#pragma once

#include <QByteArrayList>
#include <QTest>

namespace scenario_test {

inline void ok(const char *name, const QByteArray &text, const QByteArray &steps)
{
    QTest::newRow(name) << text << steps;
}

inline void bad(const char *name, const QByteArray &text, const QByteArrayList &errors)
{
    QTest::newRow(name) << text << errors;
}

inline void addParseRows()
{
    ok("empty file", "", "");
    ok("comments and blank lines only", "# intro\n\n   # indented comment\n\t\n", "");
    ok("client with color and quoted role", "client producer color #ff8800 role \"slow worker\"\n",
        "1:1 client producer color=#ff8800 role=slow worker\n");
    ok("client options in any order", "client c role 'night shift' color #AABBCC",
        "1:1 client c color=#AABBCC role=night shift\n");
    ok("command split by redis-cli rules", "client p\np> SET \"a b\" 'c\\'d' \"x\\x41\\n\"\n",
        "1:1 client p\n2:1 command p [SET] [a b] [c'd] [xA\\x0a]\n");
    ok("command right after the >", "client p\np>PING\n  p>   LPUSH jobs a\n",
        "1:1 client p\n2:1 command p [PING]\n3:3 command p [LPUSH] [jobs] [a]\n");
    ok("durations", "wait 500ms\nwait 2s\nwait 1.5s\nwait 0.25s\nwait 0ms\nwait 86400s\n",
        "1:1 wait 500\n2:1 wait 2000\n3:1 wait 1500\n4:1 wait 250\n5:1 wait 0\n6:1 wait 86400000\n");
    ok("time marks", "at +1s\nat 2.5s\n", "1:1 at +1000\n2:1 at 2500\n");
    ok("repeat with a counter", "client p\nrepeat 3\n  p> LPUSH jobs job-$i\nend\n",
        "1:1 client p\n2:1 repeat 3 depth=0 {\n  3:3 command p [LPUSH] [jobs] [job-{i}]\n}\n");
    ok("repeat every", "client p\nrepeat 5 every 200ms\n  p> PUBLISH news \"tick $i\"\n  wait 50ms\nend\n",
        "1:1 client p\n2:1 repeat 5 every=200 depth=0 {\n  3:3 command p [PUBLISH] [news] [tick {i}]\n  4:3 wait "
        "50\n}\n");
    ok("nested repeats: $i outer, $j inner, $$ a literal $",
        "client p\nrepeat 2\n repeat 3 every 1s\n  p> SET k$i:$j \"$$i\" a$ib\n end\n wait 1s\nend\n",
        "1:1 client p\n2:1 repeat 2 depth=0 {\n  3:2 repeat 3 every=1000 depth=1 {\n"
        "    4:3 command p [SET] [k{i}:{j}] [$i] [a{i}b]\n  }\n  6:2 wait 1000\n}\n");
    ok("a $ before other characters is literal", "client p\np> SET price $5 $ $x a$\n",
        "1:1 client p\n2:1 command p [SET] [price] [$5] [$] [$x] [a$]\n");
    ok("korean captions", "say \"안녕하세요, 큐!\"\nsection '2장: 소비자 그룹'\n",
        "1:1 say [안녕하세요, 큐!]\n2:1 section [2장: 소비자 그룹]\n");
    ok("korean caption with a counter", "repeat 2\nsay \"메시지 $i 도착\"\nend",
        "1:1 repeat 2 depth=0 {\n  2:1 say [메시지 {i} 도착]\n}\n");
    ok("simple statements", "client p\npause\nflushall\nkill p\nclose p\ncrash broker\nrestart broker\n",
        "1:1 client p\n2:1 pause\n3:1 flushall\n4:1 kill p\n5:1 close p\n6:1 crash broker\n7:1 restart broker\n");
    ok("expected replies in redis-cli notation",
        "client c\nexpect c> (integer) 1\nexpect c> (integer) -42\nexpect c> \"hello\"\n"
        "expect c> \"a\\tb \\\"q\\\"\"\nexpect c> (nil)\n"
        "expect c> (error) ERR wrong number of arguments for 'blpop' command\nexpect c> OK\n"
        "expect c> (empty array)\nexpect c> (empty list or set)\n",
        "1:1 client c\n2:1 expect c> int:1\n3:1 expect c> int:-42\n4:1 expect c> bulk[hello]\n"
        "5:1 expect c> bulk[a\\x09b \"q\"]\n6:1 expect c> nil\n"
        "7:1 expect c> error[ERR wrong number of arguments for 'blpop' command]\n8:1 expect c> status[OK]\n"
        "9:1 expect c> array()\n10:1 expect c> array()\n");
    ok("array reply over two lines", "client c\nexpect c> 1) \"jobs\"\n...       2) \"a\"\n",
        "1:1 client c\n2:1 expect c> array(bulk[jobs], bulk[a])\n");
    ok("nested array reply as redis-cli prints it",
        "client c\n"
        "expect c> 1) 1) \"1-0\"\n"
        "...          2) 1) \"f\"\n"
        "...             2) \"v\"\n"
        "...       2) (nil)\n"
        "...       3) (empty array)",
        "1:1 client c\n2:1 expect c> array(array(bulk[1-0], array(bulk[f], bulk[v])), nil, array())\n");
    ok("comments and blank lines inside an array reply",
        "client c\nexpect c> 1) \"a\"\n# note\n\n...       2) \"b\"\nwait 1s\n",
        "1:1 client c\n2:1 expect c> array(bulk[a], bulk[b])\n6:1 wait 1000\n");
    ok("array reply ends before the end of its repeat",
        "client c\nrepeat 2\nexpect c> 1) \"a\"\n...       2) \"$i\"\nend\n",
        "1:1 client c\n2:1 repeat 2 depth=0 {\n  3:1 expect c> array(bulk[a], bulk[{i}])\n}\n");
    ok("push, blocked and idle expectations",
        "client s\nexpect s push \"message\" \"news\" \"hi\"\nexpect s push message news $$1\n"
        "expect s blocked\nexpect s idle\nexpect s no push\n",
        "1:1 client s\n2:1 expect s push [message] [news] [hi]\n3:1 expect s push [message] [news] [$1]\n"
        "4:1 expect s blocked\n5:1 expect s idle\n6:1 expect s no push\n");
    ok("observer expectations",
        "expect LLEN jobs == (integer) 0\nexpect GET \"a == b\" == \"x == y\"\n"
        "expect LRANGE q 0 -1 == 1) \"a\"\n...                     2) \"b\"\n",
        "1:1 expect [LLEN] [jobs] == int:0\n2:1 expect [GET] [a == b] == bulk[x == y]\n"
        "3:1 expect [LRANGE] [q] [0] [-1] == array(bulk[a], bulk[b])\n");
    ok("CRLF line endings", "client p\r\np> SET k \"v\"\r\n\r\nwait 1s\r\n",
        "1:1 client p\n2:1 command p [SET] [k] [v]\n4:1 wait 1000\n");
    ok("no newline at the end", "client p\np> PING", "1:1 client p\n2:1 command p [PING]\n");
    ok("byte-order mark is skipped",
        "\xEF\xBB\xBF"
        "client p\n",
        "1:1 client p\n");
    ok("indented statements with tabs", "\tclient p\n  \tp> PING\n", "1:2 client p\n2:4 command p [PING]\n");
    ok("# inside arguments is text", "client p color #000000\np> SET k #1 # not a comment\n",
        "1:1 client p color=#000000\n2:1 command p [SET] [k] [#1] [#] [not] [a] [comment]\n");
    ok("client named like a keyword", "client wait\nwait> PING\nexpect wait blocked\nkill wait\n",
        "1:1 client wait\n2:1 command wait [PING]\n3:1 expect wait blocked\n4:1 kill wait\n");
    ok("counters in expected replies", "client c\nrepeat 3\nexpect c> \"job-$i\"\nexpect c> (error) ERR $i\nend\n",
        "1:1 client c\n2:1 repeat 3 depth=0 {\n  3:1 expect c> bulk[job-{i}]\n  4:1 expect c> error[ERR {i}]\n}\n");
}

inline void addStatementErrorRows()
{
    bad("unknown client lists the declared ones",
        "client producer\nclient consumer\n\n\n\n# waiting\n  expect   consmer> (integer) 1\n",
        {"t.qls:7:12: unknown client 'consmer' (declared: producer, consumer)"});
    bad("unknown client before any declaration", "p> PING",
        {"t.qls:1:1: unknown client 'p' (no clients declared yet; add 'client p' first)"});
    bad("unbalanced double quote", "client p\np> SET k \"abc\n",
        {"t.qls:2:10: unbalanced quotes (redis-cli: Invalid argument(s))"});
    bad("unbalanced single quote", "client p\np> SET 'k v\n",
        {"t.qls:2:8: unbalanced quotes (redis-cli: Invalid argument(s))"});
    bad("closing quote followed by text", "client p\np> SET k \"a\"b\n",
        {"t.qls:2:12: unbalanced quotes (redis-cli: Invalid argument(s))"});
    bad("missing command", "client p\np>\n", {"t.qls:2:3: missing command after 'p>'"});
    bad("misspelt keywords, and parsing goes on", "wiat 1s\nclient p\np> PING\nkil p\n  expcet p blocked\n",
        {"t.qls:1:1: unknown statement 'wiat'; did you mean 'wait'?",
            "t.qls:4:1: unknown statement 'kil'; did you mean 'kill'?",
            "t.qls:5:3: unknown statement 'expcet'; did you mean 'expect'?"});
    bad("redis command without a client", "LPUSH jobs a\n",
        {"t.qls:1:1: unknown statement 'LPUSH': a Redis command needs a client, as in 'NAME> LPUSH ...'"});
    bad("client name without >", "client p\np PING\n",
        {"t.qls:2:1: a command as 'p' needs '>': write 'p> COMMAND ...'"});
    bad("unknown statement", "bonjour\n",
        {"t.qls:1:1: unknown statement 'bonjour' (expected client, NAME> COMMAND, wait, at, repeat, end, say, "
         "section, pause, expect, kill, close, flushall)"});
    bad("bad durations", "wait 5\nwait 1.5ms\nwait 1.2345s\nwait 86401s\nwait\nwait 1s later\nat +x\nwait -1s\n",
        {"t.qls:1:6: invalid duration '5' (write e.g. 500ms, 2s or 1.5s)",
            "t.qls:2:6: duration '1.5ms' is finer than a millisecond",
            "t.qls:3:6: duration '1.2345s' is finer than a millisecond",
            "t.qls:4:6: duration '86401s' is longer than 24 hours",
            "t.qls:5:5: missing duration (write e.g. 500ms, 2s or 1.5s)",
            "t.qls:6:9: unexpected 'later' after the duration",
            "t.qls:7:4: invalid duration 'x' (write e.g. 500ms, 2s or 1.5s)",
            "t.qls:8:6: invalid duration '-1s' (write e.g. 500ms, 2s or 1.5s)"});
    bad("bad repeat counts", "repeat 0\nrepeat 1000001\nrepeat x\nrepeat 3 every 0ms\nrepeat 3 twice\n",
        {"t.qls:1:8: expected a repeat count from 1 to 1000000, found '0'",
            "t.qls:2:8: expected a repeat count from 1 to 1000000, found '1000001'",
            "t.qls:3:8: expected a repeat count from 1 to 1000000, found 'x'",
            "t.qls:4:16: 'every' needs a duration above 0",
            "t.qls:5:10: unexpected 'twice' after the repeat count (only 'every DURATION' may follow)"});
    bad("nested repeats run too often", "repeat 1000\nrepeat 1001\nend\nend\n",
        {"t.qls:2:8: nested repeats would run 1001000 times in all (at most 1000000)",
            "t.qls:4:1: 'end' without an open 'repeat'"});
    bad("repeats nest at most 8 deep", QByteArray("repeat 1\n").repeated(9) + QByteArray("end\n").repeated(9),
        {"t.qls:9:1: repeat blocks nest at most 8 deep", "t.qls:18:1: 'end' without an open 'repeat'"});
    bad("repeat never closed", "repeat 2\nwait 1s\n  repeat 3\n",
        {"t.qls:1:1: 'repeat' is never closed with 'end'", "t.qls:3:3: 'repeat' is never closed with 'end'"});
    bad("every on its own", "every 200ms\n",
        {"t.qls:1:1: 'every' goes with repeat: write 'repeat COUNT every 200ms' ... 'end'"});
    bad("counter outside a repeat", "client p\np> SET k job-$i\n",
        {"t.qls:2:14: '$i' used outside a repeat block (write $$ for a literal $)"});
    bad("counter of a repeat that is not there", "client p\nrepeat 2\np> SET k$j v\nend\n",
        {"t.qls:3:9: '$j' is not defined here: 1 enclosing repeat(s) give $i"});
    bad("third counter in two repeats", "client p\nrepeat 2\nrepeat 2\np> SET $k\nend\nend\n",
        {"t.qls:4:8: '$k' is not defined here: 2 enclosing repeat(s) give $i to $j"});
    bad("columns count characters, not bytes", "repeat 1\n  say \"큐 $j\"\nend\n",
        {"t.qls:2:10: '$j' is not defined here: 1 enclosing repeat(s) give $i"});
    bad("say and section take one text", "say hello world\nsay\nsection\n",
        {"t.qls:1:1: say takes one quoted text, e.g. say \"Two consumers\"",
            "t.qls:2:4: say takes one quoted text, e.g. say \"Two consumers\"",
            "t.qls:3:8: section takes one quoted text, e.g. section \"Two consumers\""});
    bad("words after pause and flushall", "pause now\nflushall all\n",
        {"t.qls:1:7: unexpected 'now' after 'pause'", "t.qls:2:10: unexpected 'all' after 'flushall'"});
    bad("kill and close", "client p\nkill q\nkill p now\nclose\n",
        {"t.qls:2:6: unknown client 'q' (declared: p)", "t.qls:3:8: unexpected 'now' after 'kill p'",
            "t.qls:4:6: missing client name"});
    bad("crash and restart need broker", "crash redis\nrestart broker now\n",
        {"t.qls:1:7: expected 'broker' after 'crash'", "t.qls:2:16: unexpected 'now' after 'restart broker'"});
    bad("client declarations",
        "client p\nclient p\nclient a/b\nclient q color red\nclient r colour #ffffff\nclient s role\n"
        "repeat 2\nclient t\nend\nclient\nclient u role \"abc\nclient "
            + QByteArray(65, 'x') + "\n",
        {"t.qls:2:8: client 'p' is already declared on line 1",
            "t.qls:3:8: invalid client name 'a/b' (use letters, digits, '_', '-' and '.')",
            "t.qls:4:16: invalid color 'red' (write #rrggbb, e.g. #1f77b4)",
            "t.qls:5:10: unknown client option 'colour' (use color #rrggbb or role TEXT)",
            "t.qls:6:14: missing value after 'role'", "t.qls:8:1: clients are declared outside repeat blocks",
            "t.qls:10:7: missing client name", "t.qls:11:15: unbalanced quotes (redis-cli: Invalid argument(s))",
            "t.qls:12:8: client name is longer than 64 characters"});
    bad("invalid UTF-8", "say \"\xff\"\nsay \"큐\xff\"\nsay \"\xC0\x80\"\nsay \"\xED\xA0\x80\"\n",
        {"t.qls:1:6: invalid UTF-8 (the file must be UTF-8 text)",
            "t.qls:2:7: invalid UTF-8 (the file must be UTF-8 text)",
            "t.qls:3:6: invalid UTF-8 (the file must be UTF-8 text)",
            "t.qls:4:6: invalid UTF-8 (the file must be UTF-8 text)"});
    bad("NUL byte", QByteArray("say \"a\0b\"\n", 10), {"t.qls:1:7: NUL byte in the line"});
}

inline void addExpectErrorRows()
{
    bad("expectation mistakes",
        "client c\nexpect c> 1\nexpect c> (int) 1\nexpect c> (integer) x\nexpect c> (nil) x\n"
        "expect c> \"a\" b\nexpect c>\nexpect c> \"abc\nexpect c push\nexpect c sleeping\n"
        "expect LLEN jobs 0\nexpect == (integer) 1\nexpect\nexpect c blocked now\nexpect c> (error)\n"
        "expect d blocked\nexpect c> (integer) 99999999999999999999\nexpect c no\nexpect c no push now\n",
        {"t.qls:2:11: '1' is not redis-cli notation: write (integer) 1 or \"1\"",
            "t.qls:3:11: unknown reply notation '(int)' (use (integer) N, (nil), (error) TEXT, (empty array), "
            "\"bulk\", N) for arrays, or a status such as OK)",
            "t.qls:4:11: expected a whole number after (integer)", "t.qls:5:11: unexpected text after (nil)",
            "t.qls:6:11: unexpected text after the quoted reply",
            "t.qls:7:10: missing reply (write e.g. (integer) 1, \"hello\", (nil) or OK)",
            "t.qls:8:11: unbalanced quotes in the reply",
            "t.qls:9:14: expected the push's values, e.g. expect c push \"message\" \"news\" \"hi\"",
            "t.qls:10:10: expected 'push', 'no push', 'blocked' or 'idle' after the client name, or 'c> REPLY' for "
            "its last reply",
            "t.qls:11:8: an observer expectation needs '==': expect COMMAND ARG... == REPLY",
            "t.qls:12:8: missing command before '=='",
            "t.qls:13:7: expect what? (NAME> REPLY, NAME push VALUE..., NAME blocked, NAME idle, or COMMAND ... "
            "== REPLY)",
            "t.qls:14:18: unexpected 'now' after 'blocked'",
            "t.qls:15:11: expected the error text after (error), e.g. (error) ERR ...",
            "t.qls:16:8: unknown client 'd' (declared: c)", "t.qls:17:11: expected a whole number after (integer)",
            "t.qls:18:12: expected 'push' after 'no': expect c no push",
            "t.qls:19:18: unexpected 'now' after 'no push'"});
    bad("array element out of line, later lines skipped",
        "client c\nexpect c> 1) \"a\"\n...      2) \"b\"\n...       2) \"c\"\n",
        {"t.qls:3:11: array element does not line up with an open array (the ')' of its numbers is at column 12)"});
    bad("array element numbers count up", "client c\nexpect c> 1) \"a\"\n...       3) \"b\"\n",
        {"t.qls:3:11: expected element 2) here, found 3)"});
    bad("array starts at 1)", "client c\nexpect c> 2) \"a\"\n", {"t.qls:2:11: expected element 1) here, found 2)"});
    bad("continuation without expect", "...       2) \"b\"\n",
        {"t.qls:1:1: '...' continues an array reply, but no 'expect' with one comes before it"});
    bad("continuation after a reply that is not an array", "client c\nexpect c> \"a\"\n...       2) \"b\"\n",
        {"t.qls:3:1: '...' continues an array reply, but no 'expect' with one comes before it"});
    bad("array element without value", "client c\nexpect c> 1) \"a\"\n...       2)\n",
        {"t.qls:3:11: missing value after '2)'"});
    bad("continuation that is not an element", "client c\nexpect c> 1) \"a\"\n...       \"b\"\n",
        {"t.qls:3:11: expected an array element such as '2) \"a\"' after '...'"});
    bad("closed inner array cannot grow again",
        "client c\nexpect c> 1) 1) \"a\"\n...       2) \"b\"\n...          2) \"c\"\n",
        {"t.qls:4:15: array element does not line up with an open array (the ')' of its numbers is at column 12)"});
    bad("array element that is not notation", "client c\nexpect c> 1) 5\n",
        {"t.qls:2:14: '5' is not redis-cli notation: write (integer) 5 or \"5\""});
}

inline void addErrorRows()
{
    addStatementErrorRows();
    addExpectErrorRows();
}

} // namespace scenario_test
