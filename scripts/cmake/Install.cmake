# `cmake --install build/native [--prefix P]` (native builds): what a packaged store needs, laid
# out as the systemd unit (scripts/package/bondstore.service.in) expects it:
#   P/bin/bondstore-server, P/bin/bondstore-admin
#   P/share/bondstore/web/        the web app (the wasm preset's output: build it first)
#   P/share/bondstore/assets/     brand, tax table, HS keywords, currency rates, customs registration
#   P/share/bondstore/images/     the sample catalog's pictures; P/share/bondstore/sample.json
#   P/lib/systemd/system/bondstore.service   with P's paths written in at install time
# docs/operations.md#packaging.
include(GNUInstallDirs)
install(TARGETS bondstore-server bondstore-admin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${BONDSTORE_WEB_DIST}/" DESTINATION ${CMAKE_INSTALL_DATADIR}/bondstore/web
        PATTERN ".precompressed" EXCLUDE PATTERN ".sliced" EXCLUDE)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/assets/brand" "${PROJECT_SOURCE_DIR}/assets/tax" "${PROJECT_SOURCE_DIR}/assets/customs"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bondstore/assets)
install(FILES "${PROJECT_SOURCE_DIR}/assets/currency-rates.json" DESTINATION ${CMAKE_INSTALL_DATADIR}/bondstore/assets)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/assets/catalog/images/" DESTINATION ${CMAKE_INSTALL_DATADIR}/bondstore/images)
install(FILES "${PROJECT_SOURCE_DIR}/assets/catalog/sample.json" DESTINATION ${CMAKE_INSTALL_DATADIR}/bondstore)
# The unit, its paths those of the prefix installed to (not the one configured).
install(CODE "
  file(READ \"${PROJECT_SOURCE_DIR}/scripts/package/bondstore.service.in\" unit)
  string(REPLACE \"@BINDIR@\" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\" unit \"\${unit}\")
  string(REPLACE \"@DATADIR@\" \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/bondstore\" unit \"\${unit}\")
  file(WRITE \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/bondstore.service\" \"\${unit}\")
  message(STATUS \"Installing: \$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/bondstore.service\")
")
