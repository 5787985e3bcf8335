# SPDX-License-Identifier: MIT
# Roofline probes: portable dispatch (probes/) and one file per instruction set. ISA flags go on
# those files only; probes.cpp calls them after checking the CPU.
target_sources(headroom_kernels PRIVATE
    probes/probes.h probes/probes_isa.h probes/chains.h probes/probes.cpp)
set_source_files_properties(probes/probes.cpp PROPERTIES COMPILE_OPTIONS "-O2")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|x64)$")
    target_sources(headroom_kernels PRIVATE
        x86_sse/probe_sse.cpp x86_avx2/probe_avx2.cpp x86_avx512/probe_avx512.cpp)
    set_source_files_properties(x86_sse/probe_sse.cpp PROPERTIES COMPILE_OPTIONS "-O2;-msse2")
    set_source_files_properties(x86_avx2/probe_avx2.cpp
        PROPERTIES COMPILE_OPTIONS "-O2;-mavx2;-mfma")
    set_source_files_properties(x86_avx512/probe_avx512.cpp
        PROPERTIES COMPILE_OPTIONS "-O2;-mavx512f")
endif()
