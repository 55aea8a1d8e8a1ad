// Key files are plain `key = value` text so an admin can read which device a folder belongs to.
#include "common/keys.hpp"

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include <sodium.h>
#include <zmq.h>

namespace hall {
namespace fs = std::filesystem;

namespace {

Result<std::map<std::string, std::string>> read_fields(const fs::path& file) {
    std::ifstream in(file);
    if (!in) return make_error("keys_missing", "cannot read key file " + file.string());
    std::map<std::string, std::string> fields;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        auto trim = [](std::string s) {
            auto b = s.find_first_not_of(" \t\r");
            auto e = s.find_last_not_of(" \t\r");
            return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        };
        fields[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    return fields;
}

}  // namespace

std::string random_hex(std::size_t bytes) {
    if (sodium_init() < 0) return std::string(bytes * 2, '0');  // defensive: libsodium unusable
    std::vector<unsigned char> buf(bytes);
    randombytes_buf(buf.data(), buf.size());
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (unsigned char b : buf) {
        s += hex[b >> 4];
        s += hex[b & 15];
    }
    return s;
}

bool is_z85_key(const std::string& key) {
    if (key.size() != 40) return false;
    static const std::string alphabet =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    return key.find_first_not_of(alphabet) == std::string::npos;
}

Result<KeyPair> generate_key_pair() {
    char pub[41] = {0};
    char sec[41] = {0};
    if (zmq_curve_keypair(pub, sec) != 0)
        return make_error("curve_unavailable", std::string("zmq_curve_keypair failed: ") + zmq_strerror(zmq_errno()));
    return KeyPair{pub, sec};
}

Status write_key_file(const fs::path& file, const std::string& header,
                      const std::vector<std::pair<std::string, std::string>>& fields, bool secret) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    fs::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return make_error("io_error", "cannot write " + tmp.string());
        if (secret) ::chmod(tmp.c_str(), 0600);
        out << "# " << header << "\n";
        for (const auto& [k, v] : fields) out << k << " = " << v << "\n";
        out.flush();
        if (!out) return make_error("io_error", "cannot write " + tmp.string());
    }
    fs::rename(tmp, file, ec);
    if (ec) return make_error("io_error", "cannot rename " + tmp.string() + ": " + ec.message());
    return ok_status();
}

Status save_server_keys(const fs::path& data_dir, const KeyPair& keys) {
    auto s = write_key_file(data_dir / "server.key", "hall server key pair: keep secret",
                            {{"public", keys.public_key}, {"secret", keys.secret_key}}, true);
    if (!s) return s;
    return write_key_file(data_dir / "server.pub", "hall server public key: give to clients",
                          {{"public", keys.public_key}}, false);
}

Result<KeyPair> load_server_keys(const fs::path& data_dir) {
    auto fields = read_fields(data_dir / "server.key");
    if (!fields) return fields.error();
    KeyPair k{(*fields)["public"], (*fields)["secret"]};
    if (!is_z85_key(k.public_key) || !is_z85_key(k.secret_key))
        return make_error("keys_invalid", "server.key in " + data_dir.string() + " does not hold two Z85 keys");
    return k;
}

Status save_client_keys(const fs::path& key_dir, const ClientKeys& keys) {
    auto s = write_key_file(key_dir / "client.key", "hall client key: keep secret; device " + keys.name,
                            {{"name", keys.name}, {"role", keys.role}, {"public", keys.keys.public_key},
                             {"secret", keys.keys.secret_key}},
                            true);
    if (!s) return s;
    return write_key_file(key_dir / "server.pub", "hall server public key",
                          {{"public", keys.server_public_key}}, false);
}

Result<ClientKeys> load_client_keys(const fs::path& key_dir) {
    auto fields = read_fields(key_dir / "client.key");
    if (!fields) return fields.error();
    auto server = read_fields(key_dir / "server.pub");
    if (!server) return server.error();
    ClientKeys k;
    k.name = (*fields)["name"];
    k.role = (*fields)["role"];
    k.keys = KeyPair{(*fields)["public"], (*fields)["secret"]};
    k.server_public_key = (*server)["public"];
    if (!is_z85_key(k.keys.public_key) || !is_z85_key(k.keys.secret_key) || !is_z85_key(k.server_public_key))
        return make_error("keys_invalid", "key folder " + key_dir.string() + " does not hold valid Z85 keys");
    return k;
}

}  // namespace hall
