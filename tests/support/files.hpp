#pragma once
// Small file and text helpers the end-to-end tests share.
#include <string>
#include <vector>

namespace test_support {

// The whole file, bytes as they are; empty when it cannot be read.
std::string slurp(const std::string& path);

std::vector<std::string> lines_of(const std::string& path);

// The number after "key": in a flat JSON object (fleetsim's /stats); -1 when the key is absent.
long json_number(const std::string& json, const std::string& key);

// The soft limit in the "Max core file size" row of /proc/PID/limits ("0", "unlimited", …).
std::string core_limit(int pid);

// GET over loopback with a 10 s bound; `cacert` verifies HTTPS against a test's own CA.
std::string http_get(const std::string& url, const std::string& cacert = {});

} // namespace test_support
