# SPDX-License-Identifier: MIT
# Keeps the man page honest about the program: every option it documents must appear in
# `headroom --help`, and `headroom --version` must print the project version.
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
set(undocumented "")
foreach(o IN LISTS options)
    string(FIND "${help}" "${o}" at)
    if(at EQUAL -1)
        list(APPEND undocumented "${o}")
    endif()
endforeach()
if(undocumented)
    message(FATAL_ERROR "the man page documents options that --help does not list: ${undocumented}\n--help said:\n${help}")
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
message("man page ok: ${count} options, all in --help; version ${VERSION}")
