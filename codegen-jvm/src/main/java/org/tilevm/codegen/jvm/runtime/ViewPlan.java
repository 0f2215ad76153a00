package org.tilevm.codegen.jvm.runtime;

/**
 * The bit regrouping of one {@code view} (SPEC S6.6), identical for every thread: register j of
 * the result (b2 bits) is assembled from pieces of the source registers (b1 bits each), piece q
 * taking {@code width[q]} bits of source register {@code src[q]} from bit {@code shift[q]} and
 * placing them at bit {@code dst[q]}. Also what checking replicated results needs.
 */
public final class ViewPlan {
    public final int numThreads, n1, b1, n2, b2;
    final int[] pieceStart, src, shift, width, dst;
    /** Holders of each element of the result, when its layout replicates elements; else null. */
    final int[] holderStart, holderSlots;
    final int[] outShape;
    final int outLocalSize;
    final String outName;

    public ViewPlan(int numThreads, int n1, int b1, int n2, int b2, int[] holderStart, int[] holderSlots,
                    int[] outShape, String outName) {
        this.numThreads = numThreads;
        this.n1 = n1;
        this.b1 = b1;
        this.n2 = n2;
        this.b2 = b2;
        this.holderStart = holderStart;
        this.holderSlots = holderSlots;
        this.outShape = outShape;
        this.outLocalSize = n2;
        this.outName = outName;
        int[] start = new int[n2 + 1];
        java.util.List<int[]> pieces = new java.util.ArrayList<>();
        for (int j = 0; j < n2; j++) {
            start[j] = pieces.size();
            long pos = (long) j * b2;
            int got = 0;
            while (got < b2) {
                int li = (int) (pos / b1), off = (int) (pos % b1);
                int take = Math.min(b1 - off, b2 - got);
                pieces.add(new int[] {li, off, take, got});
                got += take;
                pos += take;
            }
        }
        start[n2] = pieces.size();
        this.pieceStart = start;
        int np = pieces.size();
        src = new int[np];
        shift = new int[np];
        width = new int[np];
        dst = new int[np];
        for (int q = 0; q < np; q++) {
            int[] pc = pieces.get(q);
            src[q] = pc[0];
            shift[q] = pc[1];
            width[q] = pc[2];
            dst[q] = pc[3];
        }
    }
}
