// libFuzzer target: the RFC 4180 reader, fed in pieces whose size the input chooses.
#include "core/formats/csv.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0) return 0;
    size_t chunk = 1 + data[0] % 64;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    bondstore::CsvLimits limits;
    limits.max_field_bytes = 4096;
    limits.max_fields = 64;
    bondstore::CsvReader reader(data[0] & 0x80 ? '\t' : ',', limits);
    int64_t last_row = 0;
    auto on_record = [&](const bondstore::CsvRecord& r) {
        if (r.row <= last_row) std::abort(); // rows only grow
        last_row = r.row;
        if (r.fields.empty() || r.fields.size() > limits.max_fields) std::abort();
        return true;
    };
    for (size_t at = 0; at < text.size(); at += chunk) reader.Feed(text.substr(at, chunk), on_record);
    reader.Finish(on_record);
    return 0;
}
