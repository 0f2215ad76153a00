package org.tilevm.codegen.ptx.sim;

import java.util.List;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.spec.dtype.FloatType;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.spec.ir.Param;

/**
 * A thread-level program compiled for simulation: its body as {@link Node}s with every name
 * resolved, the sites of its statements, and the slots it needs.
 *
 * @param paramRefs  each distinct (scalar parameter, type it is read as) pair; variables that read a
 *                   parameter evaluate to the launch's value for their pair
 * @param varSlots   number of per-thread variable slots
 * @param arraySlots number of register array slots
 */
record Compiled(Node.Block body, List<Site> sites, List<ParamRef> paramRefs, int varSlots, int arraySlots) {

    /** A scalar parameter read as a value of {@code type}. */
    record ParamRef(Param param, ScalarType type) {}

    /** The value of each parameter reference for a launch's arguments. */
    long[] paramValues(LaunchBinding args) {
        long[] out = new long[paramRefs.size()];
        for (int i = 0; i < out.length; i++) {
            ParamRef r = paramRefs.get(i);
            long v = args.scalars.get(r.param().name());
            out[i] = switch (r.param().dtype()) {
                case IntType it -> Scalars.convert(Scalars.canon(v, ScalarType.I64), ScalarType.I64, r.type());
                case FloatType ft -> Scalars.convert(v, ScalarType.F64, r.type());
            };
        }
        return out;
    }

    /** Whether a parameter of this dtype may be read as a variable of type {@code t}. */
    static boolean readable(Param p, ScalarType t) {
        return p.dtype().isFloat() ? t.isFloat() : !t.isFloat();
    }
}
