#pragma once
// libcurl and c-ares keep process-wide state that must be set up once, before any other thread
// starts, and torn down once, after the last handle is gone: curl_global_init is not
// thread-safe. One NetLibraries object in main (and in the tests' main) does both; the engine
// and the CUCM transport rely on it and never initialise the libraries themselves.
namespace util {

class NetLibraries {
public:
  // Throws std::runtime_error naming the library that could not be initialised.
  NetLibraries();
  ~NetLibraries();
  NetLibraries(const NetLibraries&) = delete;
  NetLibraries& operator=(const NetLibraries&) = delete;
};

} // namespace util
