# SPDX-License-Identifier: AGPL-3.0-only
# SPDX-FileCopyrightText: 2026 The Chasm developers

# cmake -DCHASM=PROGRAM -DOUTPUT_DIR=DIR -P WriteCompletions.cmake: writes the completion scripts `chasm completions`
# prints for bash, zsh and fish into DIR, under the names each shell looks for in its system folder.
foreach(shell_file bash:chasm zsh:_chasm fish:chasm.fish)
    string(REPLACE ":" ";" shell_file "${shell_file}")
    list(GET shell_file 0 shell)
    list(GET shell_file 1 file)
    file(MAKE_DIRECTORY "${OUTPUT_DIR}/${shell}")
    execute_process(COMMAND "${CHASM}" completions ${shell} OUTPUT_FILE "${OUTPUT_DIR}/${shell}/${file}"
                    RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "chasm completions ${shell} failed: ${result}")
    endif()
endforeach()
