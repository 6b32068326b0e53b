#pragma once
// What the probe plan tests hand a plan: a phone target and complete HTTP answers. Header-only,
// for the tests that drive scanner::ProbePlan without an engine.
#include <inventory/target.hpp>
#include <scanner/transfer.hpp>

#include <string>

namespace test_support {

// A phone at 127.16.0.9:8080 named `device_name`, of `model` as the inventory says ("" = blank).
inline inventory::Target phone_target(std::string model, std::string device_name = "SEP0CD0F8123456") {
  inventory::Target t;
  t.host = "127.16.0.9";
  t.port = 8080;
  t.device_name = std::move(device_name);
  t.model = std::move(model);
  return t;
}

// A complete answer with HTTP `status`.
inline scanner::Response http_answer(long status, std::string body = {}, std::string type = "text/html") {
  scanner::Response r;
  r.status = diagnosis::TransferStatus::completed;
  r.http_status = status;
  r.content_type = std::move(type);
  r.body = std::move(body);
  return r;
}

} // namespace test_support
