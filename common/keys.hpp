// CURVE key pairs and their files. A server key lives in the data dir (server.key, mode 0600,
// and server.pub); an enrolled client's keys live in a key folder (client.key with its name and
// role, and server.pub so the client knows whom it talks to).
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace hall {

struct KeyPair {
    std::string public_key;  // Z85, 40 characters
    std::string secret_key;  // Z85, 40 characters; empty for a public-only key
};

// A client's identity as read from its key folder.
struct ClientKeys {
    std::string name;  // e.g. "kiosk-1"
    std::string role;  // kiosk, counter, display, admin
    KeyPair keys;
    std::string server_public_key;
};

// `bytes` random bytes from libsodium as lowercase hex (ticket tokens, client instance ids).
std::string random_hex(std::size_t bytes);

// Makes a fresh CURVE key pair (libzmq, backed by libsodium).
Result<KeyPair> generate_key_pair();
// True when `key` is a 40-character Z85 string.
bool is_z85_key(const std::string& key);

// Writes `key = value` lines; files holding a secret are created with mode 0600.
Status write_key_file(const std::filesystem::path& file, const std::string& header,
                      const std::vector<std::pair<std::string, std::string>>& fields, bool secret);

Status save_server_keys(const std::filesystem::path& data_dir, const KeyPair& keys);
Result<KeyPair> load_server_keys(const std::filesystem::path& data_dir);
Status save_client_keys(const std::filesystem::path& key_dir, const ClientKeys& keys);
Result<ClientKeys> load_client_keys(const std::filesystem::path& key_dir);

}  // namespace hall
