package org.tilevm.codegen.ptx.cuda.backend;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import org.tilevm.codegen.ptx.cuda.CudaTypes;
import org.tilevm.spec.ir.Param;

/**
 * The {@code kernelParams} array of {@code cuLaunchKernel}: one pointer per kernel parameter, in
 * the order {@link org.tilevm.codegen.ptx.cuda.CudaPrinter} declares them (the program's), each to
 * the value in the C type the printer gives it ({@link CudaTypes#scalarParamCType}): pointers as
 * 8-byte device addresses; scalars in 1, 2, 4 or 8 bytes ({@link CudaTypes#scalarParamBytes}),
 * integers as their value and floats as their code (f32 bits, f16/bf16 codes, 8-bit codes).
 * Each value sits in its own 8-byte slot, so alignment holds for every type.
 */
final class KernelParams {
    private KernelParams() {}

    /**
     * @param params   the kernel's parameters, in order
     * @param pointers device address per pointer parameter
     * @param scalars  value bits per scalar parameter (integer value or float code)
     */
    static MemorySegment marshal(List<Param> params, Map<String, Long> pointers, Map<String, Long> scalars, Arena arena) {
        MemorySegment array = arena.allocate(ADDRESS, Math.max(1, params.size()));
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            MemorySegment slot = arena.allocate(8, 8);
            if (p.pointer()) {
                slot.set(JAVA_LONG, 0, pointers.get(p.name()));
            } else {
                long v = scalars.get(p.name());
                switch (CudaTypes.scalarParamBytes(p.dtype())) {
                    // bool is 0 or 1; a u1 value already is
                    case 1 -> slot.set(JAVA_BYTE, 0, (byte) v);
                    case 2 -> slot.set(JAVA_SHORT, 0, (short) v);
                    case 4 -> slot.set(JAVA_INT, 0, (int) v);
                    case 8 -> slot.set(JAVA_LONG, 0, v);
                    default -> throw new IllegalStateException("parameter size of " + p.dtype().name());
                }
            }
            array.setAtIndex(ADDRESS, i, slot);
        }
        return array;
    }
}
