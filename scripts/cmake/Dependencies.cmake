# Third-party dependencies, native and WebAssembly.
#
# Native: Debian's -dev packages through find_package / find_path.
# WebAssembly: ICU cross-built by scripts/setup.sh; header-only libraries (nlohmann/json, doctest)
# are taken from the Debian packages but exposed through a directory that holds only them, so the
# Emscripten build never sees /usr/include (which would pull in glibc headers).

set(BONDSTORE_HEADER_ONLY_DIR "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${BONDSTORE_HEADER_ONLY_DIR}")
foreach(dir nlohmann doctest)
  if(NOT EXISTS "/usr/include/${dir}")
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/setup.sh")
  endif()
  if(NOT EXISTS "${BONDSTORE_HEADER_ONLY_DIR}/${dir}")
    file(CREATE_LINK "/usr/include/${dir}" "${BONDSTORE_HEADER_ONLY_DIR}/${dir}" SYMBOLIC)
  endif()
endforeach()

add_library(bondstore_json INTERFACE)
target_include_directories(bondstore_json SYSTEM INTERFACE "${BONDSTORE_HEADER_ONLY_DIR}")
target_compile_definitions(bondstore_json INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)

add_library(bondstore_doctest INTERFACE)
target_include_directories(bondstore_doctest SYSTEM INTERFACE "${BONDSTORE_HEADER_ONLY_DIR}")

add_library(bondstore_icu INTERFACE)
if(EMSCRIPTEN)
  foreach(v BONDSTORE_ICU_SRC BONDSTORE_ICU_WASM)
    if(NOT ${v} OR NOT EXISTS "${${v}}")
      message(FATAL_ERROR "${v} is not set or missing: run scripts/setup.sh")
    endif()
  endforeach()
  target_include_directories(bondstore_icu SYSTEM INTERFACE
    "${BONDSTORE_ICU_SRC}/source/common" "${BONDSTORE_ICU_SRC}/source/i18n")
  target_link_libraries(bondstore_icu INTERFACE
    "${BONDSTORE_ICU_WASM}/lib/libicui18n.a"
    "${BONDSTORE_ICU_WASM}/lib/libicuuc.a"
    "${BONDSTORE_ICU_WASM}/stubdata/libicudata.a")
  # The full ICU data archive (31 MB) for the WASM test run; the browser gets a filtered one.
  set(BONDSTORE_ICU_FULL_DATA "${BONDSTORE_ICU_SRC}/source/data/in/icudt72l.dat")
else()
  find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
  target_link_libraries(bondstore_icu INTERFACE ICU::i18n ICU::uc ICU::data)

  # Debian builds cpp-httplib as a shared library (with OpenSSL, zlib and brotli support); its
  # pkg-config file carries the matching CPPHTTPLIB_* definitions. See server/CMakeLists.txt.
  find_package(Threads REQUIRED)
  find_package(ZLIB REQUIRED)
  find_package(SQLite3 REQUIRED)
  find_package(OpenSSL REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)
  pkg_check_modules(BROTLI REQUIRED IMPORTED_TARGET GLOBAL libbrotlienc libbrotlidec)
  pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET GLOBAL libpq)
  # CEB messages: XSD validation and canonical XML for signatures.
  pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET GLOBAL libxml-2.0)
  # The regulator's statistics as an XLSX workbook with charts (server/reports).
  pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET GLOBAL xlsxwriter)
  # The single-window simulator checks signatures with xmlsec: not Bondstore's own code.
  pkg_check_modules(XMLSEC REQUIRED IMPORTED_TARGET GLOBAL xmlsec1-openssl)
endif()
