# SPDX-License-Identifier: AGPL-3.0-only
# SPDX-FileCopyrightText: 2026 The Chasm developers

# cmake -DPAGES=PAGE;… -DOUTPUT_DIR=DIR -P CompressManPages.cmake: the manual pages compressed as Debian wants them
# (gzip -9, no timestamp, so that the same pages make the same package), every *.1 of the folders and files in PAGES,
# and csm-mcp.1.gz, a link to chasm-mcp.1.gz: csm-mcp is `chasm mcp serve`.
file(REMOVE_RECURSE "${OUTPUT_DIR}")
file(MAKE_DIRECTORY "${OUTPUT_DIR}")
set(files)
foreach(page IN LISTS PAGES)
    if(IS_DIRECTORY "${page}")
        file(GLOB found "${page}/*.1")
        list(APPEND files ${found})
    else()
        list(APPEND files "${page}")
    endif()
endforeach()
foreach(file IN LISTS files)
    get_filename_component(name "${file}" NAME)
    execute_process(COMMAND gzip -9 -n -c "${file}" OUTPUT_FILE "${OUTPUT_DIR}/${name}.gz" RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "cannot compress ${file}: ${result}")
    endif()
endforeach()
file(CREATE_LINK chasm-mcp.1.gz "${OUTPUT_DIR}/csm-mcp.1.gz" SYMBOLIC)
