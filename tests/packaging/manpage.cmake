# SPDX-License-Identifier: MIT
# Keeps the man page and the program in step: the options the man page documents and those
# `headroom --help` lists must be the same set, and `headroom --version` must print the project
# version.
#   cmake -DHEADROOM=<binary> -DMANPAGE=<configured headroom.1> -DVERSION=<x.y.z> [-DGROFF=<path>]
#         -P manpage.cmake
file(READ "${MANPAGE}" page)
# Options are written as \-\-name in roff.
string(REGEX MATCHALL "\\\\-\\\\-[a-z][a-z\\\\-]*" raw "${page}")
set(options "")
foreach(o IN LISTS raw)
    string(REPLACE "\\-" "-" o "${o}")
    list(APPEND options "${o}")
endforeach()
list(REMOVE_DUPLICATES options)
list(LENGTH options count)
if(count LESS 5)
    message(FATAL_ERROR "found only ${count} options in ${MANPAGE}: ${options}")
endif()

execute_process(COMMAND "${HEADROOM}" --help RESULT_VARIABLE rc OUTPUT_VARIABLE help ERROR_VARIABLE help_err
    TIMEOUT 60)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "headroom --help exited ${rc}:\n${help}${help_err}")
endif()
set(not_in_help "")
foreach(o IN LISTS options)
    string(FIND "${help}" "${o}" at)
    if(at EQUAL -1)
        list(APPEND not_in_help "${o}")
    endif()
endforeach()
# QCommandLineParser lists each option at the start of a line: "  -h, --help", "  --sizes <list>".
string(REGEX MATCHALL "\n +(-[a-zA-Z], )?--[a-z][a-z-]*" rows "${help}")
set(not_in_page "")
foreach(row IN LISTS rows)
    string(REGEX REPLACE ".*(--[a-z][a-z-]*)$" "\\1" o "${row}")
    list(FIND options "${o}" at)
    if(at EQUAL -1)
        list(APPEND not_in_page "${o}")
    endif()
endforeach()
if(not_in_help OR not_in_page)
    message(FATAL_ERROR "man page and --help differ.\n"
        "In the man page only: ${not_in_help}\nIn --help only: ${not_in_page}\n--help said:\n${help}")
endif()

execute_process(COMMAND "${HEADROOM}" --version RESULT_VARIABLE rc OUTPUT_VARIABLE version TIMEOUT 60)
if(NOT rc EQUAL 0 OR NOT version MATCHES "(^|[^0-9.])${VERSION}([^0-9.]|$)")
    message(FATAL_ERROR "headroom --version (exit ${rc}) printed '${version}', expected ${VERSION}")
endif()

if(GROFF)
    execute_process(COMMAND ${GROFF} -man -Tutf8 -ww -z "${MANPAGE}" RESULT_VARIABLE rc ERROR_VARIABLE warnings)
    if(NOT rc EQUAL 0 OR warnings)
        message(FATAL_ERROR "groff warns about the man page:\n${warnings}")
    endif()
endif()
message("man page ok: the same ${count} options as --help; version ${VERSION}")
