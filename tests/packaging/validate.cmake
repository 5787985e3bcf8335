# SPDX-License-Identifier: MIT
# Runs a validator on a file and fails on what it reports as an error or a warning.
#   cmake -DTOOL=<path or empty> -DARGS=<list> -DFILE=<file> [-DFAIL_REGEX=<regex>] -P validate.cmake
# An absent TOOL is a skip, not a pass: the test is registered with SKIP_REGULAR_EXPRESSION.
if(NOT TOOL)
    message("SKIPPED: validator not installed (needed to check ${FILE})")
    return()
endif()
if(NOT EXISTS "${FILE}")
    message(FATAL_ERROR "${FILE} does not exist")
endif()
execute_process(COMMAND ${TOOL} ${ARGS} ${FILE}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${TOOL} ${ARGS} ${FILE}: exit ${rc}\n${out}${err}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "validation failed (exit ${rc})")
endif()
# Validators that exit 0 despite warnings (desktop-file-validate) are caught by their output.
if(FAIL_REGEX AND "${out}${err}" MATCHES "${FAIL_REGEX}")
    message(FATAL_ERROR "validator reported: ${CMAKE_MATCH_0}")
endif()
