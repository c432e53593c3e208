#include "server/base/files.h"

#include <cstdio>
#include <filesystem>
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

bool MakePrivateDirectory(const std::string& dir, std::string* error)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    bool existed = fs::exists(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) {
        *error = "cannot create the directory " + dir + ": " + ec.message();
        return false;
    }
    fs::perms now = fs::status(dir, ec).permissions();
    if (ec) {
        *error = "cannot read the permissions of " + dir + ": " + ec.message();
        return false;
    }
    if ((now & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
        if (ec) {
            *error = "cannot make " + dir + " private (mode 0700): " + ec.message();
            return false;
        }
        if (existed) std::fprintf(stderr, "bondstore: %s was open to other users; it is now mode 0700 (only its owner)\n", dir.c_str());
    }
    return true;
}

} // namespace bondstore
