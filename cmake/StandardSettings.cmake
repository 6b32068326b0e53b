# Project-wide compiler settings, shared through one interface target (ccache-style).
option(PHONESWEEP_WERROR "Treat compiler warnings as errors" OFF)
option(PHONESWEEP_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PHONESWEEP_FUZZ "Build libFuzzer targets (needs clang)" OFF)

add_library(phonesweep_settings INTERFACE)
target_compile_options(phonesweep_settings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${PHONESWEEP_WERROR}>:-Werror>)
target_include_directories(phonesweep_settings INTERFACE ${PROJECT_SOURCE_DIR})

if(PHONESWEEP_SANITIZE)
  target_compile_options(phonesweep_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(phonesweep_settings INTERFACE -fsanitize=address,undefined)
endif()
