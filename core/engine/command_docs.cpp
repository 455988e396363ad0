// COMMAND DOCS arguments from the syntax strings: a reader for Redis's syntax notation, the
// rendering redis-cli does with the result, and the hints for the names and types that the
// notation does not hold.
#include "command_docs.h"

#include <algorithm>
#include <array>
#include <optional>

namespace ql {
namespace {

// ---- Reading: the syntax as terms (space separated) of atoms (`|` separated) ----

struct Term;

struct Atom {
    enum class Kind { Word, Optional, Block };
    Kind kind = Kind::Word;
    std::string text; // as written, brackets included
    std::vector<Term> content; // of an Optional `[...]` or a Block `{...}`
};

struct Term {
    std::vector<Atom> alternatives; // `a|b|c` written without spaces; usually just one
    std::string text;
};

class SyntaxReader {
public:
    explicit SyntaxReader(std::string_view s) : m_s(s) { }

    // Terms up to `closer` (consumed) or the end.
    std::vector<Term> content(char closer)
    {
        std::vector<Term> terms;
        for (;;) {
            skipSpaces();
            if (atEnd())
                break;
            if (peek() == closer) {
                ++m_pos;
                break;
            }
            if (isCloser(peek()) || peek() == '|') { // out of place: skipped
                ++m_pos;
                continue;
            }
            const std::size_t start = m_pos;
            Term term;
            term.alternatives.push_back(atom());
            for (;;) {
                const std::size_t save = m_pos;
                skipSpaces();
                if (atEnd() || peek() != '|') {
                    m_pos = save;
                    break;
                }
                ++m_pos;
                skipSpaces();
                if (atEnd() || isCloser(peek()) || peek() == '|')
                    break;
                term.alternatives.push_back(atom());
            }
            term.text = std::string(m_s.substr(start, m_pos - start));
            terms.push_back(std::move(term));
        }
        return terms;
    }

private:
    Atom atom()
    {
        const std::size_t start = m_pos;
        Atom a;
        const char c = peek();
        if (c == '[' || c == '{') {
            ++m_pos;
            a.kind = c == '[' ? Atom::Kind::Optional : Atom::Kind::Block;
            a.content = content(c == '[' ? ']' : '}');
        } else {
            while (!atEnd() && !isSpecial(peek()))
                ++m_pos;
        }
        a.text = std::string(m_s.substr(start, m_pos - start));
        return a;
    }

    static bool isCloser(char c) { return c == ']' || c == '}'; }
    static bool isSpecial(char c) { return c == ' ' || c == '|' || c == '[' || c == ']' || c == '{' || c == '}'; }
    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return m_s[m_pos]; }
    void skipSpaces()
    {
        while (!atEnd() && peek() == ' ')
            ++m_pos;
    }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

// ---- Defaults for names and types ----

// A keyword has no lowercase letter: NOMKSTREAM, MAXLEN, and the symbols = ~ * $.
bool isToken(std::string_view word)
{
    return !word.empty() && word != "..."
        && std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string tokenName(std::string_view token)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kSymbols
        = {{{"=", "equal"}, {"~", "approximately"}, {"*", "auto_id"}, {"$", "new_id"}}};
    for (const auto &[symbol, name] : kSymbols)
        if (token == symbol)
            return std::string(name);
    std::string out(token);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The type a value gets from its name; a command's hints may say otherwise.
std::string defaultType(std::string_view name)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes = {{
        {"key", "key"},
        {"source", "key"},
        {"destination", "key"},
        {"newkey", "key"},
        {"pattern", "pattern"},
        {"timeout", "double"},
        {"unix-time-seconds", "unix-time"},
        {"unix-time-milliseconds", "unix-time"},
        {"count", "integer"},
        {"numkeys", "integer"},
        {"index", "integer"},
        {"increment", "integer"},
        {"decrement", "integer"},
        {"seconds", "integer"},
        {"milliseconds", "integer"},
        {"ms", "integer"},
        {"rank", "integer"},
        {"num-matches", "integer"},
        {"len", "integer"},
        {"client-id", "integer"},
        {"protover", "integer"},
        {"entries_read", "integer"},
        {"entries_added", "integer"},
        {"stop", "integer"},
    }};
    for (const auto &[n, type] : kTypes)
        if (name == n)
            return std::string(type);
    return "string";
}

// ---- Building the tree ----

struct Node {
    DocArgument arg; // arg.arguments stays empty: the members are `children`
    std::vector<Node> children;
    std::string text; // as written
    bool bareToken = false; // a keyword that may still take the values after it
};

std::string joinTexts(
    std::vector<Node>::const_iterator first, std::vector<Node>::const_iterator last, std::string_view separator)
{
    std::string out;
    for (auto it = first; it != last; ++it) {
        if (it != first)
            out += separator;
        out += it->text;
    }
    return out;
}

Node group(const char *type, std::vector<Node> children, std::string text)
{
    Node n;
    n.arg.type = type;
    for (const auto &c : children) {
        if (!n.arg.name.empty())
            n.arg.name += '_';
        n.arg.name += c.arg.name;
    }
    n.children = std::move(children);
    n.text = std::move(text);
    return n;
}

Node wordNode(const std::string &word)
{
    Node n;
    n.text = word;
    if (isToken(word)) {
        n.arg.name = tokenName(word);
        n.arg.type = "pure-token";
        n.arg.token = word;
        n.bareToken = true;
    } else {
        n.arg.name = word;
        n.arg.type = defaultType(word);
    }
    return n;
}

std::vector<Node> sequence(const std::vector<Term> &terms, bool grouped);

Node atomNode(const Atom &a)
{
    if (a.kind == Atom::Kind::Word)
        return wordNode(a.text);
    std::vector<Node> items = sequence(a.content, true);
    Node n;
    if (a.kind == Atom::Kind::Optional && items.size() == 1) {
        n = std::move(items.front());
    } else {
        n = group("block", std::move(items), {});
    }
    n.arg.optional = a.kind == Atom::Kind::Optional;
    n.text = a.text;
    n.bareToken = false;
    return n;
}

// `[x ...]`: repeats what comes before it.
bool isRepetition(const Atom &a)
{
    if (a.kind != Atom::Kind::Optional || a.content.size() < 2)
        return false;
    const Term &last = a.content.back();
    return last.alternatives.size() == 1 && last.alternatives.front().kind == Atom::Kind::Word
        && last.alternatives.front().text == "...";
}

// Makes the items before `[R ...]` that read R into a repeated argument.
void repeat(std::vector<Node> &items, const Atom &a)
{
    std::string repeated;
    for (std::size_t i = 0; i + 1 < a.content.size(); ++i)
        repeated += (i ? " " : "") + a.content[i].text;
    const std::size_t n = items.size();
    for (std::size_t k = 1; k <= n; ++k) {
        const auto first = items.begin() + static_cast<std::ptrdiff_t>(n - k);
        const std::string written = joinTexts(first, items.end(), " ");
        if (written != repeated)
            continue;
        Node r;
        if (k == 1) {
            r = std::move(items.back());
        } else if (k == 2 && first->bareToken && !items.back().bareToken && items.back().arg.token.empty()
            && !items.back().arg.multiple) {
            // TOKEN value [TOKEN value ...]
            r = std::move(items.back());
            r.arg.token = first->arg.token;
            r.arg.multipleToken = true;
        } else {
            r = group(
                "block", std::vector<Node>(std::make_move_iterator(first), std::make_move_iterator(items.end())), {});
        }
        r.arg.multiple = true;
        r.text = written + " " + a.text;
        items.erase(first, items.end());
        items.push_back(std::move(r));
        return;
    }
    // a|b|c [b|c ...]: the last alternatives of a oneof repeat.
    if (n > 0 && items.back().arg.type == "oneof") {
        Node &oneof = items.back();
        for (std::size_t j = 1; j < oneof.children.size(); ++j) {
            const auto first = oneof.children.begin() + static_cast<std::ptrdiff_t>(j);
            const std::string written = joinTexts(first, oneof.children.end(), "|");
            if (written != repeated)
                continue;
            Node inner = group("oneof",
                std::vector<Node>(std::make_move_iterator(first), std::make_move_iterator(oneof.children.end())),
                written);
            inner.arg.multiple = true;
            std::vector<Node> outer(std::make_move_iterator(oneof.children.begin()), std::make_move_iterator(first));
            outer.push_back(std::move(inner));
            Node rebuilt = group("oneof", std::move(outer), oneof.text + " " + a.text);
            rebuilt.arg.optional = oneof.arg.optional;
            rebuilt.arg.token = oneof.arg.token;
            oneof = std::move(rebuilt);
            return;
        }
    }
    items.push_back(atomNode(a)); // repeats nothing written before it: kept as written
}

// Gives each bare keyword the values it introduces: in a group, the leading keyword takes
// everything after it; elsewhere a keyword takes the values up to the next keyword or
// optional argument.
std::vector<Node> attachTokens(std::vector<Node> items, bool grouped)
{
    std::vector<Node> out;
    std::size_t i = 0;
    while (i < items.size()) {
        if (!items[i].bareToken) {
            out.push_back(std::move(items[i++]));
            continue;
        }
        Node keyword = std::move(items[i]);
        std::size_t end = i + 1;
        if (grouped && i == 0) {
            end = items.size();
        } else {
            while (end < items.size() && !items[end].bareToken && !items[end].arg.optional)
                ++end;
        }
        std::vector<Node> values = attachTokens(
            std::vector<Node>(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(i + 1)),
                std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(end))),
            false);
        i = end;
        if (values.empty()) {
            keyword.bareToken = false;
            out.push_back(std::move(keyword));
            continue;
        }
        const std::string written = keyword.text + " " + joinTexts(values.begin(), values.end(), " ");
        Node n;
        const DocArgument &v = values.front().arg;
        if (values.size() == 1 && v.token.empty() && !v.multiple && !v.optional && v.type != "pure-token") {
            n = std::move(values.front());
        } else {
            n = group("block", std::move(values), {});
        }
        n.arg.token = keyword.arg.token;
        n.text = written;
        out.push_back(std::move(n));
    }
    for (auto &n : out)
        n.bareToken = false;
    return out;
}

std::size_t leadingTokens(const std::vector<Term> &alternative)
{
    std::size_t n = 0;
    while (n + 1 < alternative.size() && alternative[n].alternatives.front().kind == Atom::Kind::Word
        && isToken(alternative[n].alternatives.front().text))
        ++n;
    return n;
}

// One argument: keywords, then one value or group (`EX seconds`, `[ID client-id]`).
bool isUnit(const std::vector<Term> &alternative)
{
    if (alternative.empty())
        return false;
    const std::size_t lead = leadingTokens(alternative);
    if (lead + 1 != alternative.size())
        return false;
    const Atom &last = alternative.back().alternatives.front();
    return lead == 0 || last.kind != Atom::Kind::Word || !isToken(last.text);
}

// `EX seconds|PX milliseconds`: where each side of every `|` is one argument, `|` separates
// arguments rather than words. Returns nothing when it does not.
std::optional<Node> looseOneof(const std::vector<Term> &terms)
{
    std::vector<std::vector<Term>> alternatives(1);
    for (const Term &t : terms) {
        for (std::size_t i = 0; i < t.alternatives.size(); ++i) {
            if (i > 0)
                alternatives.emplace_back();
            alternatives.back().push_back(Term {{t.alternatives[i]}, t.alternatives[i].text});
        }
    }
    if (alternatives.size() < 2 || !std::all_of(alternatives.begin(), alternatives.end(), isUnit))
        return std::nullopt;
    // FILTERBY MODULE name|ACLCAT category: the first keyword belongs to the whole choice.
    std::string token;
    if (leadingTokens(alternatives.front()) == 2
        && std::all_of(alternatives.begin() + 1, alternatives.end(),
            [](const std::vector<Term> &a) { return leadingTokens(a) < 2; })) {
        token = alternatives.front().front().text;
        alternatives.front().erase(alternatives.front().begin());
    }
    std::vector<Node> children;
    for (const auto &alternative : alternatives) {
        std::vector<Node> items = sequence(alternative, true);
        children.push_back(items.size() == 1 ? std::move(items.front()) : group("block", std::move(items), {}));
    }
    std::string written;
    for (const Term &t : terms)
        written += (written.empty() ? "" : " ") + t.text;
    Node n = group("oneof", std::move(children), written);
    n.arg.token = token;
    return n;
}

std::vector<Node> sequence(const std::vector<Term> &terms, bool grouped)
{
    const bool hasChoice
        = std::any_of(terms.begin(), terms.end(), [](const Term &t) { return t.alternatives.size() > 1; });
    if (terms.size() > 1 && hasChoice) {
        if (auto oneof = looseOneof(terms))
            return {std::move(*oneof)};
    }
    std::vector<Node> items;
    for (const Term &t : terms) {
        if (t.alternatives.size() > 1) {
            std::vector<Node> children;
            for (const Atom &a : t.alternatives) {
                children.push_back(atomNode(a));
                children.back().bareToken = false;
            }
            items.push_back(group("oneof", std::move(children), t.text));
        } else if (isRepetition(t.alternatives.front())) {
            repeat(items, t.alternatives.front());
        } else {
            items.push_back(atomNode(t.alternatives.front()));
        }
    }
    return attachTokens(std::move(items), grouped);
}

DocArgument toArgument(Node n)
{
    DocArgument a = std::move(n.arg);
    for (auto &c : n.children)
        a.arguments.push_back(toArgument(std::move(c)));
    return a;
}

// ---- What the notation does not say ----

// Per command (by full name): the names Redis gives its oneof and block arguments, in the
// order they appear (groups beyond the list keep the default name); the types of values
// whose name alone misleads; and, where Redis groups arguments in a way the notation cannot
// show, the syntax with `{}` around each such block (used only while it renders as the
// table's syntax string). Commands the defaults describe rightly are not listed;
// tests/engine/tst_command_docs.cpp compares every command's arguments with redis-server's.
struct ArgumentHints {
    std::string_view command;
    std::string_view groups;
    std::string_view types = {};
    std::string_view syntax = {};
};

constexpr ArgumentHints kHints[] = {
    {"blmove", "wherefrom whereto"},
    {"blmpop", "where"},
    {"client|kill", "filter new-format normal_master_slave_pubsub"},
    {"client|list", "normal_master_replica_pubsub id"},
    {"command|list", "filterby"},
    {"config|get", "parameter", {}, "{parameter} [{parameter} ...]"},
    {"expire", "condition"},
    {"flushall", "async"},
    {"flushdb", "async"},
    {"hello", "arguments username_password"},
    {"linsert", "where"},
    {"lmove", "wherefrom whereto"},
    {"lmpop", "where"},
    {"lrange", "", "start:integer"},
    {"ltrim", "", "start:integer"},
    {"pexpire", "condition"},
    {"psubscribe", "pattern", {}, "{pattern} [{pattern} ...]"},
    {"set", "condition expiration"},
    {"xadd", "trim strategy operator id_or_auto field_value"},
    {"xgroup|create", "id"},
    {"xgroup|setid", "id"},
    {"xinfo|stream", "full"},
    {"xpending", "filters", "min-idle-time:integer"},
    {"xread", "streams"},
    {"xreadgroup", "group_consumer streams"},
    {"xtrim", "trim strategy operator", {}, "key {MAXLEN|MINID [=|~] threshold [LIMIT count]}"},
};

std::vector<std::string_view> words(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t end = std::min(s.find(' ', pos), s.size());
        if (end > pos)
            out.push_back(s.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

void nameGroups(std::vector<DocArgument> &args, const std::vector<std::string_view> &names, std::size_t &next)
{
    for (auto &a : args) {
        if (a.type == "oneof" || a.type == "block") {
            if (next < names.size())
                a.name = std::string(names[next]);
            ++next;
        }
        nameGroups(a.arguments, names, next);
    }
}

void setType(std::vector<DocArgument> &args, std::string_view name, std::string_view type)
{
    for (auto &a : args) {
        if (a.arguments.empty() && a.type != "pure-token" && a.name == name)
            a.type = std::string(type);
        setType(a.arguments, name, type);
    }
}

void numberKeys(std::vector<DocArgument> &args, int &next)
{
    for (auto &a : args) {
        if (a.type == "key")
            a.keySpecIndex = next++;
        numberKeys(a.arguments, next);
    }
}

std::string renderArgument(const DocArgument &a)
{
    std::string token = a.token;
    std::string repeated;
    if (a.type == "oneof" || a.type == "block") {
        for (std::size_t i = 0; i < a.arguments.size(); ++i)
            repeated += (i ? (a.type == "oneof" ? "|" : " ") : "") + renderArgument(a.arguments[i]);
    } else if (a.type != "pure-token") {
        repeated = a.name;
    }
    if (!token.empty() && a.type != "pure-token")
        token += ' ';
    std::string out = a.optional ? "[" : "";
    out += token + repeated;
    if (a.multiple)
        out += " [" + (a.multipleToken ? token : std::string()) + repeated + " ...]";
    if (a.optional)
        out += ']';
    return out;
}

} // namespace

std::vector<DocArgument> parseSyntax(std::string_view syntax)
{
    std::vector<DocArgument> out;
    for (auto &n : sequence(SyntaxReader(syntax).content('\0'), false))
        out.push_back(toArgument(std::move(n)));
    return out;
}

std::vector<DocArgument> commandArguments(std::string_view fullName, std::string_view syntax)
{
    const ArgumentHints *hints = nullptr;
    for (const auto &h : kHints)
        if (h.command == fullName)
            hints = &h;
    std::vector<DocArgument> args;
    if (hints && !hints->syntax.empty()) {
        args = parseSyntax(hints->syntax);
        if (renderArguments(args) != syntax) // the table changed since: follow the table
            args = parseSyntax(syntax);
    } else {
        args = parseSyntax(syntax);
    }
    if (hints) {
        std::size_t next = 0;
        nameGroups(args, words(hints->groups), next);
        for (std::string_view t : words(hints->types)) {
            const std::size_t colon = t.find(':');
            if (colon != std::string_view::npos)
                setType(args, t.substr(0, colon), t.substr(colon + 1));
        }
    }
    int key = 0;
    numberKeys(args, key);
    return args;
}

std::string renderArguments(const std::vector<DocArgument> &args)
{
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i)
        out += (i ? " " : "") + renderArgument(args[i]);
    return out;
}

Reply argumentsReply(const std::vector<DocArgument> &args)
{
    Reply out = Reply::array();
    for (const auto &a : args) {
        Reply m = Reply::map();
        m.addPair("name", Reply::bulk(a.name));
        m.addPair("type", Reply::bulk(a.type));
        if (a.keySpecIndex >= 0)
            m.addPair("key_spec_index", Reply::integer(a.keySpecIndex));
        if (!a.token.empty())
            m.addPair("token", Reply::bulk(a.token));
        if (a.optional || a.multiple || a.multipleToken) {
            Reply flags = Reply::set();
            if (a.optional)
                flags.add(Reply::status("optional"));
            if (a.multiple)
                flags.add(Reply::status("multiple"));
            if (a.multipleToken)
                flags.add(Reply::status("multiple_token"));
            m.addPair("flags", std::move(flags));
        }
        if (a.type == "oneof" || a.type == "block")
            m.addPair("arguments", argumentsReply(a.arguments));
        out.add(std::move(m));
    }
    return out;
}

} // namespace ql
