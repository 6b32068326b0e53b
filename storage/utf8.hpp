#pragma once
// UTF-8 well-formedness for storage and its readers: util/utf8.hpp decides what valid means.
#include <util/utf8.hpp>

namespace storage {

using util::append_valid_utf8;
using util::is_valid_utf8;
using util::utf8_sequence_length;

} // namespace storage
