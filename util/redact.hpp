#pragma once
// The password out of text that came back from the network before that text is stored or shown:
// a CUCM that echoes the request, a phone that echoes its Authorization header, a SOAP fault that
// quotes what it was sent. Whatever answers cannot be trusted not to repeat what it was told.
#include <string>
#include <string_view>
#include <vector>

namespace util {

// application/x-www-form-urlencoded encoding of one value: letters, digits and - _ . ~ as they
// are, space as '+', every other byte as %XX.
std::string form_encode(std::string_view value);

// RFC 4648 base64 with padding.
std::string base64(std::string_view bytes);

// Replaces every spelling of a password in a text by "[redacted]": the password as it is,
// form-encoded (how the CUCM authentication request carries it), and base64-encoded alone and as
// "user:password" (HTTP Basic). A base64 spelling is matched by its whole 4-character groups, so
// it is found whatever follows it. Spellings shorter than 4 characters are not looked for: they
// would mangle every text.
class Redactor {
public:
  Redactor() = default; // redacts nothing
  Redactor(std::string_view user, std::string_view password);
  Redactor(const Redactor&) = default;
  Redactor& operator=(const Redactor&) = default;
  Redactor(Redactor&&) noexcept = default;
  Redactor& operator=(Redactor&&) noexcept = default;
  ~Redactor(); // the spellings are wiped

  void apply(std::string& text) const;
  [[nodiscard]] std::string operator()(std::string_view text) const;
  [[nodiscard]] bool empty() const { return spellings_.empty(); }

private:
  std::vector<std::string> spellings_; // longest first
};

} // namespace util
