#pragma once
// Which file a path the user gave really names, before anything is created or locked through it.
#include <tl/expected.hpp>

#include <string>

namespace util {

// The absolute path `path` names once every symbolic link is followed: an existing file's
// realpath, or for a file still to be created its directory's realpath and its name. Two
// spellings of one file (a link, ./x, dir/../x) give the same answer.
// Error, a sentence naming `path`: a dangling symbolic link (creating a file through it would
// create the link's target, wherever it points), or a directory that does not exist.
tl::expected<std::string, std::string> resolve_for_writing(const std::string& path);

} // namespace util
