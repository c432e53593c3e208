# bondstore_embed(<target> <namespace-function> FILES <key>=<path> ...)
#
# Generates a C++ source that holds the given files as byte arrays and a lookup function
#   std::string_view bondstore::<function>(std::string_view key)   // empty view when unknown
# so data such as the i18n catalogs travel inside the binary (and the .wasm) without any file I/O
# in core. Regenerated whenever an input changes.
function(bondstore_embed target function)
  cmake_parse_arguments(E "" "" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp")
  set(inputs "")
  set(pairs "")
  foreach(pair ${E_FILES})
    string(REPLACE "=" ";" kv "${pair}")
    list(GET kv 1 path)
    list(APPEND inputs "${path}")
    list(APPEND pairs "${pair}")
  endforeach()
  string(REPLACE ";" "|" pairs_arg "${pairs}")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} "-DOUT=${out}" "-DFUNCTION=${function}" "-DPAIRS=${pairs_arg}"
            -P "${PROJECT_SOURCE_DIR}/scripts/cmake/EmbedGenerate.cmake"
    DEPENDS ${inputs} "${PROJECT_SOURCE_DIR}/scripts/cmake/EmbedGenerate.cmake"
    COMMENT "Embedding data for ${target}" VERBATIM)
  add_library(${target} STATIC "${out}")
endfunction()
