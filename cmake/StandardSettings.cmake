# Project-wide compiler settings, shared through one interface target (ccache-style).
option(PHONESWEEP_WERROR "Treat compiler warnings as errors" OFF)
option(PHONESWEEP_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PHONESWEEP_FUZZ "Build libFuzzer targets (needs clang)" OFF)

add_library(phonesweep_settings INTERFACE)
# No -Wnull-dereference: GCC 12 reports it from inside libstdc++ (vector<string> relocation,
# streambuf) at -O2, i.e. on code we do not own.
target_compile_options(phonesweep_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  $<$<BOOL:${PHONESWEEP_WERROR}>:-Werror>)
target_include_directories(phonesweep_settings INTERFACE ${PROJECT_SOURCE_DIR})

if(PHONESWEEP_SANITIZE)
  target_compile_options(phonesweep_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(phonesweep_settings INTERFACE -fsanitize=address,undefined)
endif()

if(PHONESWEEP_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PHONESWEEP_FUZZ needs clang (CXX=clang++)")
  endif()
  # Every library gets coverage instrumentation; the fuzz executables add libFuzzer's main.
  target_compile_options(phonesweep_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  target_link_options(phonesweep_settings INTERFACE -fsanitize=address,undefined)
endif()
