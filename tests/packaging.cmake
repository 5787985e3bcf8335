# SPDX-License-Identifier: MIT
# Packaging checks (cmake -P scripts rather than QTest: they drive external validators and the
# install step). Validators that are not installed make their test SKIP, not pass.
set(HEADROOM_PKG_TESTS ${CMAKE_CURRENT_SOURCE_DIR}/packaging)
set(HEADROOM_PKG_BIN ${PROJECT_BINARY_DIR}/packaging)
find_program(HEADROOM_DESKTOP_FILE_VALIDATE desktop-file-validate)
find_program(HEADROOM_APPSTREAMCLI appstreamcli)
find_program(HEADROOM_GROFF groff)
foreach(tool HEADROOM_DESKTOP_FILE_VALIDATE HEADROOM_APPSTREAMCLI HEADROOM_GROFF)
    if(NOT ${tool})
        set(${tool} "")
    endif()
endforeach()

add_test(NAME packaging_desktop_file COMMAND ${CMAKE_COMMAND}
    -DTOOL=${HEADROOM_DESKTOP_FILE_VALIDATE}
    -DFILE=${PROJECT_SOURCE_DIR}/packaging/${HEADROOM_APP_ID}.desktop
    "-DFAIL_REGEX=(error|warning): [^\n]*"
    -P ${HEADROOM_PKG_TESTS}/validate.cmake)
add_test(NAME packaging_metainfo COMMAND ${CMAKE_COMMAND}
    -DTOOL=${HEADROOM_APPSTREAMCLI}
    "-DARGS=validate;--pedantic;--no-net;--strict"
    -DFILE=${HEADROOM_PKG_BIN}/${HEADROOM_APP_ID}.metainfo.xml
    -P ${HEADROOM_PKG_TESTS}/validate.cmake)
add_test(NAME packaging_icons COMMAND ${CMAKE_COMMAND}
    -DICONS_DIR=${PROJECT_SOURCE_DIR}/resources/icons "-DSIZES=${HEADROOM_ICON_SIZES}"
    -P ${HEADROOM_PKG_TESTS}/icons.cmake)
add_test(NAME packaging_install_tree COMMAND ${CMAKE_COMMAND}
    -DBUILD_DIR=${PROJECT_BINARY_DIR} -DROOT=${CMAKE_CURRENT_BINARY_DIR}/packaging-root
    -DAPP_ID=${HEADROOM_APP_ID} "-DSIZES=${HEADROOM_ICON_SIZES}"
    -DAPPSTREAMCLI=${HEADROOM_APPSTREAMCLI}
    -P ${HEADROOM_PKG_TESTS}/install_tree.cmake)
add_test(NAME packaging_manpage COMMAND ${CMAKE_COMMAND}
    -DHEADROOM=$<TARGET_FILE:headroom> -DMANPAGE=${HEADROOM_PKG_BIN}/headroom.1
    -DVERSION=${PROJECT_VERSION} -DGROFF=${HEADROOM_GROFF}
    -P ${HEADROOM_PKG_TESTS}/manpage.cmake)
set_tests_properties(packaging_desktop_file packaging_metainfo packaging_icons
    packaging_install_tree packaging_manpage PROPERTIES
    LABELS packaging TIMEOUT 120 SKIP_REGULAR_EXPRESSION "SKIPPED:")
# Installing the whole build into one scratch root at a time.
set_tests_properties(packaging_install_tree PROPERTIES RESOURCE_LOCK headroom_install_root)

# The layout (#18): app/ never includes ui/.
add_test(NAME layout_app_without_ui COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
    -P ${CMAKE_CURRENT_SOURCE_DIR}/layout/app_without_ui.cmake)
