#include "glob.h"

#include <cctype>
#include <utility>

namespace ql {
namespace {

char fold(char c, bool noCase)
{
    return noCase ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
}

// Returns 1 on match, 0 on no match; *skipLongerMatches is set when a '*' could not
// match anything further, as Redis does to bound the work on pathological patterns.
int matchImpl(const char *p, int plen, const char *s, int slen, bool noCase, bool *skipLonger, int nesting)
{
    if (nesting > 1000)
        return 0;
    while (plen && slen) {
        switch (p[0]) {
        case '*':
            while (plen > 1 && p[1] == '*') {
                ++p;
                --plen;
            }
            if (plen == 1)
                return 1;
            while (slen) {
                if (matchImpl(p + 1, plen - 1, s, slen, noCase, skipLonger, nesting + 1))
                    return 1;
                if (*skipLonger)
                    return 0;
                ++s;
                --slen;
            }
            *skipLonger = true;
            return 0;
        case '?':
            ++s;
            --slen;
            break;
        case '[': {
            ++p;
            --plen;
            bool negate = plen > 0 && p[0] == '^';
            if (negate) {
                ++p;
                --plen;
            }
            bool match = false;
            while (true) {
                if (plen >= 2 && p[0] == '\\') {
                    ++p;
                    --plen;
                    if (p[0] == s[0])
                        match = true;
                } else if (plen == 0) {
                    // unterminated class: Redis treats the end as closing it
                    ++plen;
                    --p;
                    break;
                } else if (p[0] == ']') {
                    break;
                } else if (plen >= 3 && p[1] == '-') {
                    // Redis compares bytes as (signed) char values and orders the bounds
                    // before folding case, so "[Z-a]" without case folding differs from
                    // the same range with it.
                    int start = static_cast<signed char>(p[0]), end = static_cast<signed char>(p[2]);
                    int c = static_cast<signed char>(s[0]);
                    if (start > end)
                        std::swap(start, end);
                    if (noCase) {
                        start = static_cast<signed char>(fold(static_cast<char>(start), true));
                        end = static_cast<signed char>(fold(static_cast<char>(end), true));
                        c = static_cast<signed char>(fold(static_cast<char>(c), true));
                    }
                    p += 2;
                    plen -= 2;
                    if (c >= start && c <= end)
                        match = true;
                } else if (fold(p[0], noCase) == fold(s[0], noCase)) {
                    match = true;
                }
                ++p;
                --plen;
            }
            if (negate)
                match = !match;
            if (!match)
                return 0;
            ++s;
            --slen;
            break;
        }
        case '\\':
            if (plen >= 2) {
                ++p;
                --plen;
            }
            [[fallthrough]];
        default:
            if (fold(p[0], noCase) != fold(s[0], noCase))
                return 0;
            ++s;
            --slen;
            break;
        }
        ++p;
        --plen;
        if (slen == 0) {
            while (plen && *p == '*') {
                ++p;
                --plen;
            }
            break;
        }
    }
    return plen == 0 && slen == 0 ? 1 : 0;
}

} // namespace

bool globMatch(std::string_view pattern, std::string_view text, bool noCase)
{
    bool skip = false;
    return matchImpl(pattern.data(), static_cast<int>(pattern.size()), text.data(), static_cast<int>(text.size()),
               noCase, &skip, 0)
        == 1;
}

} // namespace ql
