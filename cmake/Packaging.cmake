# What `cmake --install` puts beside the binary and the man page, and the Debian package
# `cpack -G DEB` makes of it: the systemd service and timer of the nightly job, an example
# config, bash and zsh completions. The version names the commit it was built from.
include(GNUInstallDirs)

# lib/systemd/system under the prefix: /usr/lib/systemd/system in the package (merged /usr), where
# systemd looks; the unit names the program without a directory, which systemd finds in
# /usr/local/bin or /usr/bin.
install(FILES ${PROJECT_SOURCE_DIR}/packaging/systemd/phonesweep.service
              ${PROJECT_SOURCE_DIR}/packaging/systemd/phonesweep.timer
        DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/phonesweep.conf.example DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/packaging/completions/phonesweep.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME phonesweep)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/completions/_phonesweep
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

set(CPACK_PACKAGE_NAME phonesweep)
set(CPACK_PACKAGE_VENDOR "phonesweep")
set(CPACK_PACKAGE_CONTACT "phonesweep maintainers <phonesweep@example.net>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "sweeps Cisco IP phones and names why remote screenshots fail")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
# The shared libraries the binary links, as dpkg-shlibdeps finds them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "prometheus-node-exporter")
set(CPACK_STRIP_FILES ON) # debug information stays in the build tree
# Only the product: no simulator, tests or benchmarks in the package.
set(CPACK_COMPONENTS_ALL Unspecified)
include(CPack)
