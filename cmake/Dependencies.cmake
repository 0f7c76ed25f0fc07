# nlohmann/json, RapidJSON (its reader fills the JSON tape the batch paths read; header-only) and
# Catch2 v2 come from Debian's packages. Under Emscripten they are reached
# through a folder that holds only a link to each header tree: handing em++ -I/usr/include would
# pull glibc's headers into the wasm build.

function(selfcrm_header_shim target header subdir)
  find_path(_dir ${header} PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT _dir)
    message(FATAL_ERROR "${header} not found under /usr/include (run scripts/bootstrap.sh)")
  endif()
  set(shim ${CMAKE_BINARY_DIR}/header-shims/${target})
  file(MAKE_DIRECTORY ${shim})
  if(NOT EXISTS ${shim}/${subdir})
    file(CREATE_LINK ${_dir}/${subdir} ${shim}/${subdir} SYMBOLIC)
  endif()
  add_library(${target} INTERFACE IMPORTED GLOBAL)
  target_include_directories(${target} SYSTEM INTERFACE ${shim})
  unset(_dir CACHE)
endfunction()

if(EMSCRIPTEN)
  selfcrm_header_shim(selfcrm_nlohmann nlohmann/json.hpp nlohmann)
  add_library(nlohmann_json::nlohmann_json ALIAS selfcrm_nlohmann)
  if(SELFCRM_BUILD_TESTS)
    selfcrm_header_shim(selfcrm_catch2 catch2/catch.hpp catch2)
    add_library(Catch2::Catch2 ALIAS selfcrm_catch2)
  endif()
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  if(SELFCRM_BUILD_TESTS)
    find_package(Catch2 2 REQUIRED)
    include(Catch)
  endif()
endif()
# RapidJSON is used inside the core only, through the same shim on both sides.
selfcrm_header_shim(selfcrm_rapidjson rapidjson/reader.h rapidjson)
