# SPDX-License-Identifier: MIT
# Installs the build into a scratch root (as the package does) and checks the desktop
# integration files land where freedesktop and Debian look for them, then lets AppStream check
# that the metainfo, desktop entry and icon agree with each other.
#   cmake -DBUILD_DIR=<dir> -DROOT=<scratch dir> -DAPP_ID=<id> -DSIZES=<list>
#         [-DAPPSTREAMCLI=<path>] -P install_tree.cmake
file(REMOVE_RECURSE "${ROOT}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${ROOT}/usr"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install failed (${rc}):\n${out}${err}")
endif()
set(expected
    usr/bin/headroom
    usr/share/applications/${APP_ID}.desktop
    usr/share/metainfo/${APP_ID}.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/${APP_ID}.svg
    usr/share/doc/headroom/copyright)
foreach(size IN LISTS SIZES)
    list(APPEND expected usr/share/icons/hicolor/${size}x${size}/apps/${APP_ID}.png)
endforeach()
set(missing "")
foreach(f IN LISTS expected)
    if(NOT EXISTS "${ROOT}/${f}")
        list(APPEND missing "${f}")
    endif()
endforeach()
if(NOT EXISTS "${ROOT}/usr/share/man/man1/headroom.1.gz" AND NOT EXISTS "${ROOT}/usr/share/man/man1/headroom.1")
    list(APPEND missing usr/share/man/man1/headroom.1[.gz])
endif()
if(missing)
    message(FATAL_ERROR "not installed: ${missing}")
endif()
# The menu entry starts whatever Exec names: it must be the installed program.
file(STRINGS "${ROOT}/usr/share/applications/${APP_ID}.desktop" exec REGEX "^Exec=")
if(NOT exec MATCHES "^Exec=headroom( |$)")
    message(FATAL_ERROR "desktop entry runs '${exec}', not headroom")
endif()
if(APPSTREAMCLI)
    execute_process(COMMAND ${APPSTREAMCLI} validate-tree --pedantic --no-net --strict "${ROOT}"
        RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    message("appstreamcli validate-tree: exit ${rc}\n${out}${err}")
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "appstreamcli validate-tree failed")
    endif()
else()
    message("appstreamcli not installed: tree checked for files only")
endif()
message("install tree ok: ${ROOT}")
