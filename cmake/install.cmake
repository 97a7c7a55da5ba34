# What `cmake --install build [--prefix DIR]` puts where: the program, both libraries and the drawing
# module, the headers, a pkg-config file, a CMake package (find_package(sfnviz)), the man page, shell
# completions and the themes. Everything installed finds the rest relative to itself, so --prefix may
# differ from CMAKE_INSTALL_PREFIX.
include(CMakePackageConfigHelpers)

install(TARGETS sfnviz RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS sfnviz_shared sfnviz_lib EXPORT sfnvizTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The drawing module, loaded by the program and libsfnviz.so when they draw (src/export/draw.h): in a
# folder of its own, since nothing links it. The loader looks for it here relative to either.
install(TARGETS sfnviz_draw LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/sfnviz)
install(FILES "${CMAKE_SOURCE_DIR}/include/sfnviz.h" "${CMAKE_BINARY_DIR}/include/sfnviz_version.h"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${CMAKE_SOURCE_DIR}/themes/" DESTINATION ${CMAKE_INSTALL_DATADIR}/sfnviz/themes)

# pkg-config: the prefix is found from the .pc file's own place (${pcfiledir}), so the file stays right
# wherever the tree is installed. The static library, which has the drawing linked in, needs Graphviz's
# plugins, linked by path, and dlopen's library where the C library does not hold it.
file(RELATIVE_PATH PC_PREFIX_FROM_PCDIR "/root/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/root")
string(REPLACE ";" " " PC_PLUGIN_LIBS "${GV_PLUGIN_LIBS}")
set(PC_DL_LIBS "")
foreach(_lib ${CMAKE_DL_LIBS})
  string(APPEND PC_DL_LIBS " -l${_lib}")
endforeach()
configure_file("${CMAKE_SOURCE_DIR}/cmake/sfnviz.pc.in" "${CMAKE_BINARY_DIR}/sfnviz.pc" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/sfnviz.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# CMake package: sfnviz::sfnviz (shared) and sfnviz::sfnviz_static.
set(SFNVIZ_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sfnviz)
install(EXPORT sfnvizTargets NAMESPACE sfnviz:: DESTINATION ${SFNVIZ_CMAKE_DIR})
configure_package_config_file("${CMAKE_SOURCE_DIR}/cmake/sfnvizConfig.cmake.in"
                              "${CMAKE_BINARY_DIR}/sfnvizConfig.cmake" INSTALL_DESTINATION ${SFNVIZ_CMAKE_DIR})
write_basic_package_version_file("${CMAKE_BINARY_DIR}/sfnvizConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_BINARY_DIR}/sfnvizConfig.cmake" "${CMAKE_BINARY_DIR}/sfnvizConfigVersion.cmake"
        DESTINATION ${SFNVIZ_CMAKE_DIR})

# The man page's source is src/cli/sfnviz.1.in, beside the options table it documents (tests/e2e/manual.sh
# checks that every option of every command's --help is in it); only the version is filled in.
configure_file("${CMAKE_SOURCE_DIR}/src/cli/sfnviz.1.in" "${CMAKE_BINARY_DIR}/sfnviz.1" @ONLY)
install(FILES "${CMAKE_BINARY_DIR}/sfnviz.1" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES "${CMAKE_SOURCE_DIR}/src/cli/completion.bash" RENAME sfnviz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES "${CMAKE_SOURCE_DIR}/src/cli/completion.zsh" RENAME _sfnviz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
