package org.tilevm.codegen.jvm.runtime;

/**
 * One {@code view} (SPEC S6.6) on tensors stored by element: result element e is assembled from
 * pieces of source elements, piece q taking {@code width[q]} bits of source element
 * {@code src[q]} from bit {@code shift[q]} and placing them at bit {@code dst[q]}; the pieces of e
 * are {@code pieceStart[e] .. pieceStart[e+1]}. The plan is computed at compile time from what each
 * thread holds: the pieces of the element's first holder.
 *
 * <p>When the result layout replicates an element and its holders take their bits from different
 * source elements, the copies may differ, which the spec makes an error: {@code checked} lists
 * those elements, each with the piece lists of all its holders (in holder order, with the holders'
 * thread numbers), to compare at run time.
 */
public final class ViewPlan {
    final int[] pieceStart, src, shift, width, dst;
    /** Whether every element is one piece of one source element (then {@code out[e] = (src >>> shift) & mask}). */
    final boolean singlePieces;
    final int outBits;
    /** Elements to check: {@code checkElems[i]}, its holders {@code checkHolder[h]} for h in {@code checkStart[i] .. checkStart[i+1]}. */
    final int[] checkElems, checkStart, checkThread, checkPieceStart, checkSrc, checkShift, checkWidth, checkDst;
    final int[] outShape;
    final String outName;

    /** Result elements. */
    public int size() { return pieceStart.length - 1; }

    /** The first piece of element e (pieces of e are {@code pieceStart(e) .. pieceStart(e + 1) - 1}). */
    public int pieceStart(int e) { return pieceStart[e]; }

    public int src(int q) { return src[q]; }

    public int shift(int q) { return shift[q]; }

    public int width(int q) { return width[q]; }

    public int dst(int q) { return dst[q]; }

    /** Whether some replicated elements are compared between holders at run time. */
    public boolean hasChecks() { return checkElems.length > 0; }

    public ViewPlan(int outBits, int[][] pieces, int[] checkElems, int[][] checkThreads, int[][][] checkPieces,
                    int[] outShape, String outName) {
        this.outBits = outBits;
        this.outShape = outShape;
        this.outName = outName;
        int n = pieces.length, np = 0;
        for (int[] pc : pieces) np += pc.length / 4;
        pieceStart = new int[n + 1];
        src = new int[np];
        shift = new int[np];
        width = new int[np];
        dst = new int[np];
        boolean single = true;
        for (int e = 0, q = 0; e < n; e++) {
            pieceStart[e] = q;
            single &= pieces[e].length == 4 && pieces[e][3] == 0;
            for (int i = 0; i < pieces[e].length; i += 4, q++) {
                src[q] = pieces[e][i];
                shift[q] = pieces[e][i + 1];
                width[q] = pieces[e][i + 2];
                dst[q] = pieces[e][i + 3];
            }
            pieceStart[e + 1] = q;
        }
        singlePieces = single;
        this.checkElems = checkElems;
        int holders = 0, cp = 0;
        for (int i = 0; i < checkElems.length; i++) {
            holders += checkThreads[i].length;
            for (int[] hp : checkPieces[i]) cp += hp.length / 4;
        }
        checkStart = new int[checkElems.length + 1];
        checkThread = new int[holders];
        checkPieceStart = new int[holders + 1];
        checkSrc = new int[cp];
        checkShift = new int[cp];
        checkWidth = new int[cp];
        checkDst = new int[cp];
        for (int i = 0, h = 0, q = 0; i < checkElems.length; i++) {
            checkStart[i] = h;
            for (int k = 0; k < checkThreads[i].length; k++, h++) {
                checkThread[h] = checkThreads[i][k];
                checkPieceStart[h] = q;
                int[] hp = checkPieces[i][k];
                for (int x = 0; x < hp.length; x += 4, q++) {
                    checkSrc[q] = hp[x];
                    checkShift[q] = hp[x + 1];
                    checkWidth[q] = hp[x + 2];
                    checkDst[q] = hp[x + 3];
                }
            }
            checkStart[i + 1] = h;
            checkPieceStart[h] = q;
        }
    }
}
