// Placeholder until the family lands.
#include "command_table.h"

namespace ql {
void registerListCommands(std::vector<CommandSpec> &) {}
} // namespace ql
