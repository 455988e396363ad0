#include "alloc_probe.h"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define QL_ALLOC_PROBE_OFF 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define QL_ALLOC_PROBE_OFF 1
#endif

namespace {
std::atomic<bool> g_armed{false};
std::atomic<std::size_t> g_largest{0};
} // namespace

namespace alloc_probe {

#ifdef QL_ALLOC_PROBE_OFF
bool available() { return false; }
#else
bool available() { return true; }
#endif

void start()
{
    g_largest = 0;
    g_armed = true;
}

std::size_t stop()
{
    g_armed = false;
    return g_largest;
}

} // namespace alloc_probe

#ifndef QL_ALLOC_PROBE_OFF
void *operator new(std::size_t size)
{
    if (g_armed.load(std::memory_order_relaxed)) {
        std::size_t seen = g_largest.load(std::memory_order_relaxed);
        while (size > seen && !g_largest.compare_exchange_weak(seen, size)) {
        }
    }
    if (void *p = std::malloc(size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}

void operator delete(void *p) noexcept
{
    std::free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
#endif
