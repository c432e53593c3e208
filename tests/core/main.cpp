// The core test suite's entry point: the same sources run natively and as WebAssembly under node.
//
//   bondstore-core-tests [--icu-data=PATH] [doctest options]
//
// --parity-dump=FILE also writes every value behind the digest to FILE, to diff two builds.
// --icu-data hands ICU its data file (needed in the WASM build, which has no ICU data library).
// After the tests, the binary prints "parity digest: <hex>", a hash of many core results computed
// from fixed pseudo-random inputs; scripts/test.sh checks that the native and WASM digests match.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "core/i18n/i18n.h"
#include "tests/core/parity.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    static std::vector<char> icu_data; // must outlive every ICU call
    std::vector<char*> rest;
    FILE* parity_dump = nullptr;
    for (int i = 0; i < argc; i++) {
        const char* dump_prefix = "--parity-dump=";
        if (std::strncmp(argv[i], dump_prefix, std::strlen(dump_prefix)) == 0) {
            parity_dump = std::fopen(argv[i] + std::strlen(dump_prefix), "w");
            continue;
        }
        const char* prefix = "--icu-data=";
        if (std::strncmp(argv[i], prefix, std::strlen(prefix)) == 0) {
            const char* path = argv[i] + std::strlen(prefix);
            FILE* f = std::fopen(path, "rb");
            if (!f) { std::fprintf(stderr, "cannot open ICU data %s\n", path); return 2; }
            std::fseek(f, 0, SEEK_END);
            icu_data.resize(size_t(std::ftell(f)));
            std::fseek(f, 0, SEEK_SET);
            size_t got = std::fread(icu_data.data(), 1, icu_data.size(), f);
            std::fclose(f);
            std::string error;
            if (got != icu_data.size() || !bondstore::InstallIcuData(icu_data.data(), &error)) {
                std::fprintf(stderr, "ICU rejected %s: %s\n", path, error.c_str());
                return 2;
            }
            continue;
        }
        rest.push_back(argv[i]);
    }

    doctest::Context context;
    context.applyCommandLine(int(rest.size()), rest.data());
    int result = context.run();
    if (context.shouldExit()) return result;
    std::printf("parity digest: %s\n", bondstore::test::ParityDigest(parity_dump).c_str());
    if (parity_dump) std::fclose(parity_dump);
    return result;
}
