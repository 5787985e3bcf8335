# SPDX-License-Identifier: MIT
# Cross compiling for 64-bit ARM Linux with Debian's g++-aarch64-linux-gnu.
#   cmake -S packaging/cross -B build-aarch64 --toolchain packaging/aarch64-toolchain.cmake
# CMAKE_SYSTEM_PROCESSOR is what kernels/ tests to leave the x86 instruction-set folders out.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(HEADROOM_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${HEADROOM_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${HEADROOM_CROSS_TRIPLE}-g++)

# Debian's multiarch and cross locations; host programs are found on the host, everything
# linked into the target only under the target's roots.
set(CMAKE_FIND_ROOT_PATH /usr/${HEADROOM_CROSS_TRIPLE} /usr/lib/${HEADROOM_CROSS_TRIPLE})
set(CMAKE_LIBRARY_ARCHITECTURE ${HEADROOM_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
