package org.tilevm.spec.interp;

import org.tilevm.spec.ir.View;

/**
 * view: per thread, the registers of src (codes of {@code b1} bits, local 0 first) are
 * concatenated into one bit string, local 0 in the lowest bits, and re-split into codes of
 * {@code b2} bits in out's local order. When out's layout replicates elements, every copy of an
 * element must come out with the same bits; otherwise the view is an error.
 */
final class ViewOp {
    private ViewOp() {}

    private record Plan(LayoutTable src, LayoutTable out, int srcBits, int outBits) {}

    static void execute(View ins, BlockState b) {
        Plan p = b.plan(ins, () -> {
            LayoutTable st = b.table(ins.src()), ot = b.table(ins.out());
            int b1 = ins.src().type().dtype().bits(), b2 = ins.out().type().dtype().bits();
            if (st.numThreads != ot.numThreads) {
                throw new InterpError("view from a layout over " + st.numThreads + " threads to one over " + ot.numThreads);
            }
            if ((long) st.localSize * b1 != (long) ot.localSize * b2) {
                throw new InterpError("view changes the bits per thread: " + st.localSize + " x " + b1 + " bits ("
                        + ins.src().type().dtype().name() + ") vs " + ot.localSize + " x " + b2 + " bits ("
                        + ins.out().type().dtype().name() + ")");
            }
            return new Plan(st, ot, b1, b2);
        });
        long[] in = b.register(ins.src()).data;
        int n1 = p.src.localSize, n2 = p.out.localSize, b1 = p.srcBits, b2 = p.outBits;
        long[] data = new long[p.out.numSlots];
        for (int t = 0; t < p.out.numThreads; t++) {
            int srcBase = t * n1, outBase = t * n2;
            if (b1 == b2) {
                System.arraycopy(in, srcBase, data, outBase, n1);
                continue;
            }
            for (int j = 0; j < n2; j++) data[outBase + j] = extract(in, srcBase, b1, (long) j * b2, b2);
        }
        if (p.out.replicated) checkCopies(p.out, data, ins);
        b.setRegister(ins.out(), data);
    }

    /** Bits {@code [pos, pos + count)} of the string formed by the {@code bits}-bit codes starting at {@code base}. */
    static long extract(long[] regs, int base, int bits, long pos, int count) {
        long result = 0;
        int got = 0;
        while (got < count) {
            int li = (int) (pos / bits), off = (int) (pos % bits);
            int take = Math.min(bits - off, count - got);
            long chunk = regs[base + li] >>> off;
            if (take < 64) chunk &= (1L << take) - 1;
            result |= chunk << got;
            got += take;
            pos += take;
        }
        return result;
    }

    private static void checkCopies(LayoutTable t, long[] data, View ins) {
        for (int e = 0; e < t.numElements; e++) {
            int first = t.firstSlot(e);
            for (int h = t.holderStart[e] + 1; h < t.holderStart[e + 1]; h++) {
                int s = t.holderSlots[h];
                if (data[s] != data[first]) {
                    throw new InterpError("view gives element " + Shapes.text(Shapes.unflatten(e, t.shape)) + " of "
                            + ins.out().name() + " different bits in thread " + first / t.localSize + " (0x"
                            + Long.toHexString(data[first]) + ") and thread " + s / t.localSize + " (0x"
                            + Long.toHexString(data[s]) + "), but its layout replicates the element");
                }
            }
        }
    }
}
