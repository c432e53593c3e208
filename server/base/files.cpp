#include "server/base/files.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace bondstore {

bool ReadFile(const std::string& path, std::string* out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return false;
    *out = std::move(ss).str();
    return true;
}

bool WriteFileAtomically(const std::string& path, const std::string& bytes)
{
    std::string temp = path + ".tmp";
    bool written;
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        written = out && (out << bytes) && out.flush();
    }
    if (written && std::rename(temp.c_str(), path.c_str()) == 0) return true;
    std::remove(temp.c_str());
    return false;
}

} // namespace bondstore
