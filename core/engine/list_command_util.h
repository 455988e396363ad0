// Shared pieces of the list command family (list_*_commands.cpp): typed lookup, pops and
// moves that append their events, the blocking timeout and the block request. Handlers
// are declared here so list_commands.cpp can register the whole family in one place.
#pragma once

#include "engine.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ql::list {

enum class End : std::uint8_t { Left, Right };

inline const char *endName(End e)
{
    return e == End::Left ? "left" : "right";
}
// LEFT / RIGHT in any case.
std::optional<End> parseEnd(std::string_view s);

// The list at `key`. A missing key gives {nullptr, false}; a key of another type sets the
// WRONGTYPE reply and gives {nullptr, true}.
struct Lookup {
    Value *value = nullptr;
    bool wrongType = false;
};
Lookup lookupList(CommandContext &ctx, const std::string &key);

// Pops min(count, size) elements from one end of a non-empty list: emits Popped, then
// KeyRemoved "emptied" when nothing is left.
std::vector<std::string> popElements(
    CommandContext &ctx, const std::string &key, Value &list, End end, std::size_t count);

// Moves one element from the non-empty list `source` to `destination` (nullptr: missing,
// created here). The caller has checked the destination's type. Emits KeyCreated,
// ListMoved (values: element, from-end, to-end), KeyRemoved "emptied"; signals the
// destination ready. Returns the element.
std::string moveElement(CommandContext &ctx, const std::string &source, Value &sourceList,
    const std::string &destination, Value *destinationList, End from, End to);

// A blocking command's timeout in seconds (Redis 7.0 getTimeoutFromObjectOrReply): sets
// `deadline` (absolute ms, 0 = forever) or the error reply and returns false.
bool parseTimeout(CommandContext &ctx, const std::string &arg, std::int64_t &deadline);

// Nothing to serve: ask the broker to block the client on `keys` (duplicates dropped) and
// re-run this command when one of them gets data. Emits BlockRequested.
void block(CommandContext &ctx, const std::vector<std::string> &keys, std::int64_t deadline);

// LMOVE once the ends are parsed: null bulk for a missing source, WRONGTYPE for either
// key, else the moved element (list_move_commands.cpp).
void moveGeneric(CommandContext &ctx, End from, End to);

// LMPOP / BLMPOP arguments: numkeys key [key ...] LEFT|RIGHT [COUNT count].
struct MpopArgs {
    std::size_t firstKey = 0;
    std::size_t numKeys = 0;
    End end = End::Left;
    std::int64_t count = 1;
};
// Parses from argv[numkeysIndex]; sets the error reply and returns false on bad input.
bool parseMpopArgs(CommandContext &ctx, std::size_t numkeysIndex, MpopArgs &out);
enum class MpopResult : std::uint8_t { Served, NothingToPop, Error };
// Pops from the first non-empty list of the keys and replies [key, [elements]].
MpopResult mpopServe(CommandContext &ctx, const MpopArgs &a);

// Handlers, registered in list_commands.cpp.
void lpushCommand(CommandContext &ctx);
void rpushCommand(CommandContext &ctx);
void lpushxCommand(CommandContext &ctx);
void rpushxCommand(CommandContext &ctx);
void lpopCommand(CommandContext &ctx);
void rpopCommand(CommandContext &ctx);
void llenCommand(CommandContext &ctx);
void lrangeCommand(CommandContext &ctx);
void lindexCommand(CommandContext &ctx);
void lsetCommand(CommandContext &ctx);
void linsertCommand(CommandContext &ctx);
void lremCommand(CommandContext &ctx);
void ltrimCommand(CommandContext &ctx);
void lposCommand(CommandContext &ctx);
void rpoplpushCommand(CommandContext &ctx);
void lmoveCommand(CommandContext &ctx);
void lmpopCommand(CommandContext &ctx);
void blpopCommand(CommandContext &ctx);
void brpopCommand(CommandContext &ctx);
void brpoplpushCommand(CommandContext &ctx);
void blmoveCommand(CommandContext &ctx);
void blmpopCommand(CommandContext &ctx);

} // namespace ql::list
