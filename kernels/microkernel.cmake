# SPDX-License-Identifier: MIT
# The micro-kernel rung: the portable five loops (microkernel.cpp) and one micro-kernel per
# instruction set. ISA flags go on the ISA folders' files only, so the loops and the generic
# kernel run on any CPU of the target architecture.
target_sources(headroom_kernels PRIVATE
    microkernel.h microkernel.cpp fiveloops.h fiveloops.cpp packing.h packing.cpp tuning.h tuning.cpp
    generic/dgemm_generic_4x8.cpp)
set_source_files_properties(microkernel.cpp fiveloops.cpp PROPERTIES COMPILE_OPTIONS "${HEADROOM_FLAGS_MICROKERNEL}")
# Contraction lets targets with FMA in their baseline (aarch64) fuse the multiply-adds.
set_source_files_properties(generic/dgemm_generic_4x8.cpp PROPERTIES COMPILE_OPTIONS "-O3;-ffp-contract=fast;${HEADROOM_ALIGN_LOOPS}")

if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|x64)$")
    target_sources(headroom_kernels PRIVATE
        x86_avx2/dgemm_avx2_6x8.cpp
        x86_avx512/dgemm_avx512.h
        x86_avx512/dgemm_avx512_14x16.cpp
        x86_avx512/dgemm_avx512_8x24.cpp
        x86_avx512/dgemm_avx512_6x32.cpp
        x86_avx512/dgemm_avx512_28x8.cpp
        x86_avx512/pack_avx512.cpp)
    set_source_files_properties(x86_avx2/dgemm_avx2_6x8.cpp
        PROPERTIES COMPILE_OPTIONS "-O3;-mavx2;-mfma;${HEADROOM_ALIGN_LOOPS}")
    set_source_files_properties(x86_avx512/dgemm_avx512_14x16.cpp x86_avx512/dgemm_avx512_8x24.cpp
        x86_avx512/dgemm_avx512_6x32.cpp x86_avx512/dgemm_avx512_28x8.cpp x86_avx512/pack_avx512.cpp
        PROPERTIES COMPILE_OPTIONS "-O3;-mavx512f;${HEADROOM_ALIGN_LOOPS}")
    # Tells microkernel.cpp that the x86 micro-kernels exist in this build.
    set_source_files_properties(microkernel.cpp PROPERTIES COMPILE_DEFINITIONS HEADROOM_X86_MICROKERNELS)
endif()

# The rung's flags as shown to the user (--list-rungs, session files) name the micro-kernels'
# ISA flags too; microkernel.cpp itself was given its flags above.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|x64)$")
    list(APPEND HEADROOM_FLAGS_MICROKERNEL "+ micro-kernels: -mavx2 -mfma | -mavx512f")
endif()
