#include "command_table.h"

#include "number_parse.h"

namespace ql {

CommandTable::CommandTable()
{
    registerConnectionCommands(m_specs);
    registerKeyCommands(m_specs);
    registerStringCommands(m_specs);
    registerListCommands(m_specs);
    registerPubSubCommands(m_specs);
    registerStreamCommands(m_specs);
    registerServerCommands(m_specs);
    registerBrokerCommands(m_specs);
    registerConfigCommands(m_specs);
    for (std::size_t i = 0; i < m_specs.size(); ++i)
        m_index.emplace(std::string(m_specs[i].name), i);
}

const CommandSpec *CommandTable::find(std::string_view name) const
{
    char buf[32] = {};
    if (name.size() >= sizeof(buf))
        return nullptr;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    auto it = m_index.find(std::string_view(buf, name.size()));
    return it == m_index.end() ? nullptr : &m_specs[it->second];
}

const CommandSpec *CommandTable::findSub(const CommandSpec &parent, std::string_view name)
{
    for (const auto &s : parent.subcommands)
        if (equalsIgnoreCase(s.name, name))
            return &s;
    return nullptr;
}

} // namespace ql
