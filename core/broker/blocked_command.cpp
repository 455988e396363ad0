#include "blocked_command.h"

#include "engine/number_parse.h"

namespace ql {

bool isXreadgroup(const std::vector<std::string> &argv)
{
    return !argv.empty() && equalsIgnoreCase(argv[0], "xreadgroup");
}

std::vector<std::string> argvForReadyKey(const std::vector<std::string> &argv, const std::string &key)
{
    if (argv.empty())
        return argv;
    const std::string &cmd = argv[0];
    if (equalsIgnoreCase(cmd, "blpop") || equalsIgnoreCase(cmd, "brpop")) {
        // BLPOP key [key ...] timeout
        return {argv.front(), key, argv.back()};
    }
    if (equalsIgnoreCase(cmd, "blmpop") && argv.size() >= 4) {
        // BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]
        auto numkeys = parseInt64(argv[2]);
        if (!numkeys || *numkeys < 1 || static_cast<std::size_t>(*numkeys) + 3 > argv.size())
            return argv;
        std::vector<std::string> out {argv[0], argv[1], "1", key};
        out.insert(out.end(), argv.begin() + 3 + *numkeys, argv.end());
        return out;
    }
    if (equalsIgnoreCase(cmd, "xread") || equalsIgnoreCase(cmd, "xreadgroup")) {
        // ... STREAMS key [key ...] id [id ...]
        for (std::size_t i = 1; i < argv.size(); ++i) {
            if (!equalsIgnoreCase(argv[i], "streams"))
                continue;
            std::size_t n = (argv.size() - i - 1) / 2;
            std::vector<std::string> out(argv.begin(), argv.begin() + static_cast<std::ptrdiff_t>(i + 1));
            for (std::size_t k = 0; k < n; ++k) {
                if (argv[i + 1 + k] == key) {
                    out.push_back(key);
                    out.push_back(argv[i + 1 + n + k]);
                    return out;
                }
            }
            return argv;
        }
    }
    return argv; // BRPOPLPUSH / BLMOVE have a single source key
}

} // namespace ql
