#include "server/security/personal_data.h"

#include "server/base/bytes.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace bondstore {

namespace {

void Hmac(const unsigned char key[32], std::string_view text, unsigned char out[32])
{
    unsigned int length = 32;
    HMAC(EVP_sha256(), key, 32, reinterpret_cast<const unsigned char*>(text.data()), text.size(), out, &length);
}

} // namespace

std::optional<PersonalData> PersonalData::FromHexKey(std::string_view hex, std::string* error)
{
    PersonalData p;
    if (!FromHex(hex, p.key_, 32)) {
        *error = "the data key must be 64 hexadecimal digits (32 bytes)";
        return std::nullopt;
    }
    Hmac(p.key_, "bondstore/id-hash", p.hash_key_);
    Hmac(p.key_, "bondstore/order-secret", p.secret_key_);
    Hmac(p.key_, "bondstore/payment-sandbox", p.sandbox_key_);
    return p;
}

std::optional<PersonalData> PersonalData::FromKeyFile(const std::string& path, bool create, std::string* error)
{
    std::ifstream in(path);
    if (!in) {
        if (!create) { *error = "cannot read the data key file " + path; return std::nullopt; }
        std::string key = RandomHex(32);
        // Created readable by the owner only; a key file that exists is never overwritten. On
        // disk (file and directory entry) before anything is sealed with it: orders are durable,
        // so the key they need must be too.
        int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) { *error = "cannot create the data key file " + path + ": " + std::strerror(errno); return std::nullopt; }
        std::string line = key + "\n";
        bool written = ::write(fd, line.data(), line.size()) == ssize_t(line.size()) && ::fsync(fd) == 0;
        written = (::close(fd) == 0) && written;
        std::string dir = std::filesystem::path(path).parent_path().string();
        int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd >= 0) {
            written = ::fsync(dir_fd) == 0 && written;
            ::close(dir_fd);
        }
        if (!written) { *error = "cannot write the data key file " + path; return std::nullopt; }
        return FromHexKey(key, error);
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string key;
    for (char c : text.str())
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') key += c;
    std::optional<PersonalData> p = FromHexKey(key, error);
    if (!p) *error = path + ": " + *error;
    return p;
}

std::string PersonalData::Fingerprint() const
{
    unsigned char out[32];
    Hmac(key_, "bondstore/key-fingerprint", out);
    return Hex(out, 8);
}

std::string PersonalData::Seal(std::string_view plaintext) const
{
    unsigned char nonce[12];
    RandomBytes(nonce, sizeof nonce); // throws rather than seal under a nonce that may repeat
    std::vector<unsigned char> out(12 + plaintext.size() + 16);
    std::copy(nonce, nonce + 12, out.begin());
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int length = 0, total = 0;
    EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_, nonce);
    EVP_EncryptUpdate(ctx.get(), out.data() + 12, &length, reinterpret_cast<const unsigned char*>(plaintext.data()), int(plaintext.size()));
    total = length;
    EVP_EncryptFinal_ex(ctx.get(), out.data() + 12 + total, &length);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, 16, out.data() + 12 + plaintext.size());
    return "v1." + Base64(out.data(), out.size());
}

std::optional<std::string> PersonalData::Open(std::string_view sealed) const
{
    if (sealed.substr(0, 3) != "v1.") return std::nullopt;
    std::optional<std::vector<unsigned char>> bytes = Unbase64(sealed.substr(3));
    if (!bytes || bytes->size() < 28) return std::nullopt;
    size_t n = bytes->size() - 28;
    std::string out(n, '\0');
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int length = 0;
    EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_, bytes->data());
    EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &length, bytes->data() + 12, int(n));
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, 16, bytes->data() + 12 + n);
    if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + length, &length) != 1) return std::nullopt;
    return out;
}

std::string PersonalData::KeyedHash(std::string_view text) const
{
    unsigned char mac[32];
    Hmac(hash_key_, text, mac);
    return Hex(mac, 32);
}

std::string PersonalData::LookupSecret(std::string_view order_no) const
{
    unsigned char mac[32];
    Hmac(secret_key_, order_no, mac);
    // 130 bits as 26 base32 characters (no 0/1/8/9 to confuse with letters).
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string out;
    for (int i = 0; i < 26; i++) {
        int bit = i * 5, byte = bit / 8, shift = bit % 8;
        int v = ((mac[byte] << 8 | mac[byte + 1]) >> (11 - shift)) & 31;
        out += alphabet[v];
    }
    return out;
}

bool PersonalData::CheckLookupSecret(std::string_view order_no, std::string_view secret) const
{
    std::string want = LookupSecret(order_no);
    return secret.size() == want.size() && CRYPTO_memcmp(want.data(), secret.data(), want.size()) == 0;
}

void PersonalData::DeriveKey(std::string_view label, unsigned char out[32]) const
{
    Hmac(key_, std::string("bondstore/") + std::string(label), out);
}

std::string PersonalData::SandboxSignature(std::string_view message) const
{
    unsigned char mac[32];
    Hmac(sandbox_key_, message, mac);
    return Hex(mac, 32);
}

} // namespace bondstore
