#include <util/atomic_file.hpp>

#include <tests/storage/test_support.hpp>

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using test_support::TempDir;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(lstat(path.c_str(), &st) == 0);
  return st.st_mode;
}

std::set<std::string> names_in(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

} // namespace

TEST_CASE("AtomicFile: the target appears only on commit, complete, 0600, nothing is left behind", "[util]") {
  TempDir dir;
  const mode_t old = umask(022);
  const std::string path = dir.file("out.csv");
  {
    auto file = util::AtomicFile::open(path);
    REQUIRE(file);
    file->stream() << "a,b\r\n";
    CHECK_FALSE(std::filesystem::exists(path));
    REQUIRE(file->commit());
  }
  umask(old);
  CHECK(read(path) == "a,b\r\n");
  CHECK((mode_of(path) & 07777) == 0600);
  CHECK(names_in(dir.file("")) == std::set<std::string>{"out.csv"});

  SECTION("without commit the old file stays and the temporary goes") {
    {
      auto file = util::AtomicFile::open(path);
      REQUIRE(file);
      file->stream() << "half";
    }
    CHECK(read(path) == "a,b\r\n");
    CHECK(names_in(dir.file("")) == std::set<std::string>{"out.csv"});
  }
  SECTION("a file's own mode is kept, whatever the umask") {
    REQUIRE(chmod(path.c_str(), 0640) == 0);
    REQUIRE(util::write_file(path, "new"));
    CHECK((mode_of(path) & 07777) == 0640);
    CHECK(read(path) == "new");
  }
}

TEST_CASE("AtomicFile: a link at the target is replaced, never followed", "[util]") {
  TempDir dir;
  const std::string victim = dir.file("victim"), path = dir.file("report.html");
  std::ofstream(victim) << "keep";
  REQUIRE(chmod(victim.c_str(), 0644) == 0);
  REQUIRE(symlink(victim.c_str(), path.c_str()) == 0);
  REQUIRE(util::write_file(path, "report"));
  CHECK(read(victim) == "keep");
  CHECK(S_ISREG(mode_of(path)));
  CHECK((mode_of(path) & 07777) == 0600); // not the mode of what the link pointed to
  CHECK(read(path) == "report");
}

TEST_CASE("AtomicFile: FIFOs and /dev/null are written in place, directories, sockets and other devices are refused",
          "[util]") {
  TempDir dir;
  const std::string null_device = dir.file("null");
  REQUIRE(mknod(null_device.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
  REQUIRE(util::write_file(null_device, "gone"));
  CHECK(S_ISCHR(mode_of(null_device)));

  const std::string fifo = dir.file("fifo");
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  REQUIRE(util::write_file(fifo, "through the pipe"));
  char buffer[64] = {};
  CHECK(read(reader, buffer, sizeof buffer) == 16);
  CHECK(std::string(buffer) == "through the pipe");
  close(reader);
  CHECK(S_ISFIFO(mode_of(fifo)));

  const auto directory = util::write_file(dir.file(""), "x");
  REQUIRE_FALSE(directory);
  CHECK(directory.error().kind == util::WriteError::Kind::unusable);

  const std::string zero = dir.file("zero"); // /dev/zero: a device no report belongs in
  REQUIRE(mknod(zero.c_str(), S_IFCHR | 0666, makedev(1, 5)) == 0);
  const auto device = util::write_file(zero, "x");
  REQUIRE_FALSE(device);
  CHECK(device.error().kind == util::WriteError::Kind::unusable);
  CHECK(S_ISCHR(mode_of(zero)));

  const auto missing = util::write_file(dir.file("no/such/dir/x"), "x");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().kind == util::WriteError::Kind::failed);
}

TEST_CASE("same_output: one file however it is spelt", "[util]") {
  TempDir dir;
  std::filesystem::create_directory(dir.file("sub"));
  CHECK(util::same_output("-", "-"));
  CHECK_FALSE(util::same_output("-", dir.file("a")));
  CHECK(util::same_output(dir.file("a"), dir.file("sub/../a")));
  CHECK_FALSE(util::same_output(dir.file("a"), dir.file("b")));
  std::ofstream(dir.file("b")) << "b";
  REQUIRE(symlink(dir.file("b").c_str(), dir.file("link").c_str()) == 0);
  CHECK(util::same_output(dir.file("link"), dir.file("b")));
}
