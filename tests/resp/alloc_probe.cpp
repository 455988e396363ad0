#include "alloc_probe.h"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define QL_ALLOC_PROBE_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define QL_ALLOC_PROBE_SANITIZER 1
#endif

namespace {

std::atomic<bool> g_armed {false};
std::atomic<std::size_t> g_largest {0};

void record(std::size_t size)
{
    if (!g_armed.load(std::memory_order_relaxed))
        return;
    std::size_t seen = g_largest.load(std::memory_order_relaxed);
    while (size > seen && !g_largest.compare_exchange_weak(seen, size)) { }
}

} // namespace

#ifdef QL_ALLOC_PROBE_SANITIZER
// The sanitizer owns operator new; it reports every allocation to these hooks instead. Declared
// here because GCC does not install <sanitizer/allocator_interface.h>.
extern "C" int __sanitizer_install_malloc_and_free_hooks(
    void (*malloc_hook)(const volatile void *, std::size_t), void (*free_hook)(const volatile void *));

namespace {

void onMalloc(const volatile void *, std::size_t size)
{
    record(size);
}

void onFree(const volatile void *)
{
}

bool installHooks()
{
    static const bool installed = __sanitizer_install_malloc_and_free_hooks(onMalloc, onFree) != 0;
    return installed;
}

} // namespace
#else
namespace {
bool installHooks()
{
    return true;
}
} // namespace

void *operator new(std::size_t size)
{
    record(size);
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

namespace alloc_probe {

bool available()
{
    return installHooks();
}

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
