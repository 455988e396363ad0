// Placeholder until the family lands.
#include "command_table.h"

namespace ql {
void registerStreamCommands(std::vector<CommandSpec> &) {}
} // namespace ql
