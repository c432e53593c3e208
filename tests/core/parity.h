// Native/WASM parity: a digest of many core results over fixed pseudo-random inputs. Identical
// digests mean the browser and the server compute the same bytes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace bondstore::test {

// splitmix64: a tiny deterministic generator, the same on every platform.
struct Rng {
    uint64_t state;
    uint64_t Next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int64_t Between(int64_t lo, int64_t hi) { return lo + int64_t(Next() % uint64_t(hi - lo + 1)); }
    size_t Pick(size_t n) { return size_t(Next() % n); } // 0 … n-1
};

struct Digest {
    uint64_t h = 1469598103934665603ull;
    FILE* dump = nullptr; // when set, every input is also written there, one per line
    void Add(const std::string& s)
    {
        if (dump) std::fprintf(dump, "%s\n", s.c_str());
        for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; }
        h ^= 0xFF;
        h *= 1099511628211ull;
    }
    std::string Hex() const;
};

// With `dump`, every value that goes into the digest is written there too, so two builds' dumps
// can be diffed when their digests differ (bondstore-core-tests --parity-dump=FILE).
std::string ParityDigest(FILE* dump = nullptr);

std::string_view EmbeddedTestAssetView(std::string_view name);

} // namespace bondstore::test
