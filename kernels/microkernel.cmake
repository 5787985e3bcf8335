# SPDX-License-Identifier: MIT
# The micro-kernel rung: sources and per-ISA flags (flags only on the ISA folders' files).
target_sources(headroom_kernels PRIVATE microkernel.cpp)
