# Registers every test of a gtest program as its own CTest test.
#
#   ponte_add_gtests(TARGET <target> NAME <name> [SUFFIX <suffix>] [FILTER <gtest filter>]
#                    [PROPERTIES <test properties...>])
#
# After each build of <target>, runs it with --gtest_list_tests (and --gtest_filter=<filter>) and
# writes the CTest file <name>_tests.cmake: one test <Suite>.<Test><suffix> per test case, running
# that case alone. A test is skipped only when it exits with 77 (core/testing/main.cpp does when it
# skipped every case it ran): unlike gtest_discover_tests, no "[  SKIPPED ]" in the output makes a
# skip, since gtest prints it also for the cases of a suite whose set-up failed, and CTest would
# then report a failure as a skip.
#
# Run as a script (cmake -P) by the build, with -D EXECUTABLE, FILTER, SUFFIX, PROPERTIES, OUTPUT.

if(CMAKE_SCRIPT_MODE_FILE)
    set(args --gtest_list_tests)
    if(FILTER)
        list(APPEND args "--gtest_filter=${FILTER}")
    endif()
    execute_process(COMMAND "${EXECUTABLE}" ${args} OUTPUT_VARIABLE listing RESULT_VARIABLE status TIMEOUT 60)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${EXECUTABLE} --gtest_list_tests failed (${status}):\n${listing}")
    endif()
    string(REPLACE ";" "\\;" listing "${listing}")
    string(REPLACE "\n" ";" lines "${listing}")
    string(REPLACE "|" ";" properties "${PROPERTIES}")
    set(script "")
    set(suite "")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE " *#.*" "" line "${line}")  # gtest's comment on a parameter or type
        if(line STREQUAL "")
            continue()
        elseif(line MATCHES "^  (.+)$")
            set(test "${suite}.${CMAKE_MATCH_1}")
            string(APPEND script "add_test([==[${test}${SUFFIX}]==] [==[${EXECUTABLE}]==] "
                   "[==[--gtest_filter=${test}]==])\n"
                   "set_tests_properties([==[${test}${SUFFIX}]==] PROPERTIES SKIP_RETURN_CODE 77")
            foreach(property IN LISTS properties)
                string(APPEND script " [==[${property}]==]")
            endforeach()
            string(APPEND script ")\n")
        elseif(line MATCHES "^([^ ].*)\\.$")
            set(suite "${CMAKE_MATCH_1}")
        endif()
    endforeach()
    file(WRITE "${OUTPUT}" "${script}")
    return()
endif()

function(ponte_add_gtests)
    cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;NAME;SUFFIX;FILTER" "PROPERTIES")
    set(output "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}_tests.cmake")
    # Properties travel to the script as one argument: '|' between the words of the list.
    string(REPLACE ";" "|" properties "${arg_PROPERTIES}")
    add_custom_command(
        TARGET ${arg_TARGET} POST_BUILD
        BYPRODUCTS "${output}"
        COMMAND "${CMAKE_COMMAND}" -D "EXECUTABLE=$<TARGET_FILE:${arg_TARGET}>" -D "FILTER=${arg_FILTER}"
                -D "SUFFIX=${arg_SUFFIX}" -D "PROPERTIES=${properties}" -D "OUTPUT=${output}"
                -P "${PONTE_GTEST_TESTS_SCRIPT}"
        VERBATIM)
    set(include "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}_include.cmake")
    file(WRITE "${include}"
         "if(EXISTS \"${output}\")\n  include(\"${output}\")\nelse()\n  add_test(${arg_NAME}_NOT_BUILT ${arg_NAME}_NOT_BUILT)\nendif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include}")
endfunction()

set(PONTE_GTEST_TESTS_SCRIPT "${CMAKE_CURRENT_LIST_FILE}")
