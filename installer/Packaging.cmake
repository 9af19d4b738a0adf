# SPDX-License-Identifier: AGPL-3.0-only
# SPDX-FileCopyrightText: 2026 The Chasm developers

# The packages, made by CPack from the install rules (scripts/package runs it on build/dev): on Linux a .deb, an .rpm
# and a .tar.gz; on Windows an NSIS installer and a .zip; on macOS a disk image holding the app bundle. Binaries are
# stripped (CPACK_STRIP_FILES), so a RelWithDebInfo build makes packages as small as a Release one.
set(CPACK_PACKAGE_NAME "chasm")
set(CPACK_PACKAGE_VENDOR "The Chasm developers")
set(CPACK_PACKAGE_CONTACT "${CHASM_PACKAGE_MAINTAINER}")
# Debian's synopsis stays under 80 characters.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Find, recover, search and export the chat histories of AI coding assistants")
# Lines of at most 80 characters, as Debian's extended description wants them.
string(JOIN "\n" CPACK_PACKAGE_DESCRIPTION
    "Chasm finds, reads and explains the chat histories that AI coding assistants"
    "leave on the disk: GitHub Copilot in VS Code, Insiders and VSCodium, Cursor,"
    "Windsurf, Claude Code, Codex CLI, Gemini CLI, Qwen Code, OpenCode, Continue,"
    "Factory's droid and Aider. It keeps them in a harvest database after the tools"
    "delete them, searches them, recovers and repairs the sessions an editor no"
    "longer shows, merges and exports them."
    ""
    "A desktop app (chasm-gui), a command-line tool (chasm) and an MCP server"
    "(csm-mcp).")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Chasm")
set(CPACK_PACKAGE_EXECUTABLES "chasm-gui" "Chasm")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build/" "/\\\\.git/")

if(WIN32)
    # The installer adds the bin folder (chasm, csm-mcp) to PATH when asked, and a Start menu entry for chasm-gui.
    # Qt's libraries and plugins are copied beside the programs by Qt's deployment script (windeployqt).
    set(CPACK_GENERATOR "NSIS" "ZIP")
    set(CPACK_NSIS_DISPLAY_NAME "Chasm ${PROJECT_VERSION}")
    set(CPACK_NSIS_PACKAGE_NAME "Chasm")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${CHASM_PACKAGE_MAINTAINER}")
    set(CPACK_NSIS_MODIFY_PATH ON)
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\chasm-gui.exe")
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
    qt_generate_deploy_app_script(TARGET chasm-gui OUTPUT_SCRIPT chasm_deploy_script NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT ${chasm_deploy_script})
elseif(APPLE)
    # A disk image holding chasm-gui.app, with Qt's frameworks and plugins in the bundle (macdeployqt), beside bin/
    # (chasm, csm-mcp) and lib/chasm/modules (the modules chasm loads).
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Chasm ${PROJECT_VERSION}")
    set(CPACK_DMG_FORMAT "UDZO")
    set_target_properties(chasm-gui PROPERTIES
        MACOSX_BUNDLE_BUNDLE_NAME "Chasm"
        MACOSX_BUNDLE_GUI_IDENTIFIER "${CHASM_APP_ID}"
        MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
        MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
        MACOSX_BUNDLE_COPYRIGHT "The Chasm developers, AGPL-3.0-only")
    qt_generate_deploy_app_script(TARGET chasm-gui OUTPUT_SCRIPT chasm_deploy_script NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT ${chasm_deploy_script})
else()
    # The .deb and .rpm install into /usr; the .tar.gz holds bin/, lib/ and share/ in one folder.
    set(CPACK_GENERATOR "DEB" "RPM" "TGZ")

    # Debian: chasm_0.1.0-1_amd64.deb, its dependencies read from the libraries the binaries link (dpkg-shlibdeps),
    # so nothing the distribution ships is bundled.
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CHASM_PACKAGE_MAINTAINER}")
    # Loaded at run time, not linked: Qt's SQLite and SVG plugins, and libsecret for QtKeychain's Secret Service. The
    # SVG image plugin is part of libqt6svg6 up to Debian 12 and a package of its own (qt6-svg-plugins) from Debian 13
    # on: the package that holds it here is the one depended on.
    set(chasm_svg_package libqt6svg6)
    execute_process(COMMAND dpkg-query -S "*/qt6/plugins/imageformats/libqsvg.so" OUTPUT_VARIABLE svg_owner
                    RESULT_VARIABLE svg_owner_status ERROR_QUIET)
    if(svg_owner_status EQUAL 0 AND svg_owner MATCHES "^([^:, ]+)")
        set(chasm_svg_package ${CMAKE_MATCH_1})
    endif()
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, ${chasm_svg_package}, libsecret-1-0")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")

    # RPM: chasm-0.1.0-1.x86_64.rpm, its requirements found by rpmbuild from the binaries (AUTOREQ).
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_RELEASE 1)
    set(CPACK_RPM_PACKAGE_LICENSE "AGPL-3.0-only")
    set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
    set(CPACK_RPM_PACKAGE_URL "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
    set(CPACK_RPM_PACKAGE_AUTOREQ ON)
    set(CPACK_RPM_PACKAGE_AUTOPROV OFF)
    # Folders the filesystem and other packages own: the package lists only its own files in them.
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        /usr/share/applications /usr/share/metainfo /usr/share/man /usr/share/man/man1 /usr/share/icons
        /usr/share/icons/hicolor /usr/share/bash-completion /usr/share/bash-completion/completions /usr/share/zsh
        /usr/share/zsh/vendor-completions /usr/share/fish /usr/share/fish/vendor_completions.d)
    foreach(size ${chasm_icon_sizes})
        list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/share/icons/hicolor/${size}x${size}
             /usr/share/icons/hicolor/${size}x${size}/apps)
    endforeach()
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION /usr/share/icons/hicolor/scalable
         /usr/share/icons/hicolor/scalable/apps)
endif()
include(CPack)
