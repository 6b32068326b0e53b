// The owners of C handles: a descriptor is closed exactly once, by whoever holds it last; a
// libcurl list keeps its lines in order and is freed with its owner.
#include <util/curl_handles.hpp>
#include <util/unique_fd.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <utility>

namespace {

bool is_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

} // namespace

TEST_CASE("unique fd: closes on reset and when it goes, hands over on a move, not after release", "[util]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const int read_end = fds[0];
  const int write_end = fds[1];
  {
    util::UniqueFd owner(read_end);
    CHECK(owner.valid());
    util::UniqueFd moved(std::move(owner));
    CHECK_FALSE(owner.valid()); // NOLINT(bugprone-use-after-move): the moved-from state is the point
    CHECK(moved.get() == read_end);
    CHECK(is_open(read_end));
  }
  CHECK_FALSE(is_open(read_end));

  util::UniqueFd kept(write_end);
  const int released = kept.release();
  CHECK_FALSE(kept.valid());
  kept.reset();
  CHECK(is_open(released)); // released: the owner no longer closes it
  util::UniqueFd again(released);
  again.reset();
  CHECK_FALSE(is_open(released));
}

TEST_CASE("curl slist: lines are kept in order and a moved list is owned once", "[util]") {
  util::CurlSlist list;
  CHECK(list.empty());
  REQUIRE(list.append("::127.0.0.1:"));
  REQUIRE(list.append("Expect:"));
  util::CurlSlist owner(std::move(list));
  CHECK(list.empty()); // NOLINT(bugprone-use-after-move)
  std::string lines;
  for (const curl_slist* item = owner.get(); item != nullptr; item = item->next) lines += std::string(item->data) + "|";
  CHECK(lines == "::127.0.0.1:|Expect:|");
  owner.clear();
  CHECK(owner.empty());
}
