# karb_library(NAME DIR [DEPS...]): one static library from every .cpp below
# DIR (recursively), so that adding a file never needs a CMake edit. A
# `grpc/` folder is left out: it builds as its own library, so that only
# what links it pays for gRPC's headers.
function(karb_library name dir)
  file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS "${dir}/*.cpp")
  list(FILTER _srcs EXCLUDE REGEX "/grpc/")
  if(_srcs)
    add_library(${name} STATIC ${_srcs})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} PUBLIC ${ARGN})
  else()
    add_library(${name} INTERFACE)
    target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${name} INTERFACE ${ARGN})
  endif()
endfunction()

# karb_test(NAME DIR [DEPS...]): one GoogleTest executable from every .cpp in
# DIR, registered with ctest test by test.
function(karb_test name dir)
  file(GLOB _srcs CONFIGURE_DEPENDS "${dir}/*.cpp")
  if(NOT _srcs)
    return()
  endif()
  add_executable(${name} ${_srcs})
  target_link_libraries(${name} PRIVATE ${ARGN} karb_test_support
                        GTest::gtest GTest::gtest_main)
  # GoogleTest, CAF and nlohmann parsed once per test binary, not per file:
  # most of a test file's compile time (CI must stay well under 20 min on
  # two cores).
  target_precompile_headers(${name} PRIVATE <gtest/gtest.h> <caf/all.hpp>
                            <nlohmann/json.hpp>)
  # The test code itself without optimisation or debug info: half of the
  # whole build's compile time is test files; the code under test keeps
  # its libraries' flags (-O2 -g1).
  target_compile_options(${name} PRIVATE -O0 -g0)
  target_compile_definitions(${name} PRIVATE
    KARB_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    KARB_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/../shared/fixtures/exchanges"
    KARB_BIN_DIR="${CMAKE_RUNTIME_OUTPUT_DIRECTORY}")
  # Each case is labelled with its executable's name, so that a run can
  # pick whole executables (tools/run tsan: ctest -L).
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       PROPERTIES TIMEOUT ${KARB_TEST_TIMEOUT} LABELS ${name})
endfunction()

# karb_precompile(NAME HEADERS...): the heavy third-party headers NAME's
# files share, parsed once for the whole library.
function(karb_precompile name)
  target_precompile_headers(${name} PRIVATE ${ARGN})
endfunction()
