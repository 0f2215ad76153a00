package org.tilevm.codegen.ptx.sim;

import java.util.function.IntSupplier;
import org.tilevm.codegen.ptx.tir.ScalarType;
import org.tilevm.codegen.ptx.tir.TStmt;

/**
 * Warp-collective operations other than {@code mma}: {@code ldmatrix} and {@code shfl.sync}, each
 * run warp by warp over the 32 lanes of every warp of the block.
 */
final class WarpOps {
    private WarpOps() {}

    /**
     * {@code ldmatrix.sync.aligned.m8n8.x{1,2,4}[.trans].shared.b16}: lanes 8i..8i+7 give the
     * 16-byte-aligned row addresses of matrix i (rows 0..7, eight 16-bit elements each); lane l
     * receives for matrix i the word with elements (row l/4, columns 2(l%4) and 2(l%4)+1), low
     * half first, or with {@code .trans} the same positions of the transposed matrix. The row
     * reads are shared-memory reads by the lane that gave the address.
     */
    static Node ldmatrix(TStmt.Ldmatrix x, Compiler.Ctx c) {
        int count = x.count(), word = x.word();
        boolean trans = x.trans();
        ExprCompiler.requireInteger(x.smemByteAddr(), "the shared address");
        int slot = c.ex().array(x.array(), 32L * word, 32L * count);
        Ev addr = c.ex().compile(x.smemByteAddr());
        Site site = c.site();
        return b -> {
            int[][] arr = b.arrays[slot];
            int[][][] m = new int[count][8][8]; // matrix, row, column: 16-bit elements
            for (int base = 0; base < b.numThreads; base += 32) {
                for (int i = 0; i < count; i++) {
                    for (int r = 0; r < 8; r++) {
                        int t = base + 8 * i + r;
                        long a = addr.eval(b, t);
                        MemoryOps.checkAlign(t, a, 16, "ldmatrix row address");
                        b.shared().checkBounds(t, 8 * a, 128, "ldmatrix row");
                        long lo = b.shared().read(t, site, 8 * a, 64), hi = b.shared().read(t, site, 8 * a + 64, 64);
                        for (int col = 0; col < 8; col++) {
                            long half = col < 4 ? lo >>> (16 * col) : hi >>> (16 * (col - 4));
                            m[i][r][col] = (int) (half & 0xFFFF);
                        }
                    }
                }
                for (int lane = 0; lane < 32; lane++) {
                    int row = lane / 4, col = 2 * (lane % 4);
                    for (int i = 0; i < count; i++) {
                        int e0 = trans ? m[i][col][row] : m[i][row][col];
                        int e1 = trans ? m[i][col + 1][row] : m[i][row][col + 1];
                        arr[base + lane][word + i] = e0 | (e1 << 16);
                    }
                }
            }
            return Node.Flow.NORMAL;
        };
    }

    /**
     * {@code shfl.sync.{idx,up,down,bfly}.b32} with width 32 and all lanes: the source lane is
     * {@code b & 31} (idx), {@code lane - b} (up), {@code lane + b} (down) or {@code lane ^ b}
     * (bfly), with b the low 5 bits of the lane operand; a source outside 0..31 gives the lane's
     * own value. Declares {@code dst} (U32) after compiling the operands.
     */
    static Node shfl(TStmt.Shfl x, Compiler.Ctx c, IntSupplier declareDst) {
        if (x.dst().type() != ScalarType.U32) throw new Fault(-1, "the destination of shfl must be U32, got " + x.dst().type());
        if (x.value().type().bits() != 32 || x.value().type() == ScalarType.PRED) {
            throw new Fault(-1, "the value of shfl must be a 32-bit type, got " + x.value().type());
        }
        ExprCompiler.requireInteger(x.lane(), "the lane operand of shfl");
        Ev value = c.ex().compile(x.value()), laneOp = c.ex().compile(x.lane());
        int slot = declareDst.getAsInt();
        TStmt.ShflMode mode = x.mode();
        return b -> {
            int n = b.numThreads;
            long[] v = new long[n];
            int[] op = new int[n];
            for (int t = 0; t < n; t++) {
                v[t] = value.eval(b, t) & 0xFFFF_FFFFL;
                op[t] = (int) (laneOp.eval(b, t) & 31);
            }
            long[] out = new long[n];
            for (int t = 0; t < n; t++) {
                int lane = t & 31, base = t - lane;
                int src = switch (mode) {
                    case IDX -> op[t];
                    case UP -> lane - op[t];
                    case DOWN -> lane + op[t];
                    case BFLY -> lane ^ op[t];
                };
                out[t] = v[base + (src >= 0 && src < 32 ? src : lane)];
            }
            b.vars[slot] = out;
            return Node.Flow.NORMAL;
        };
    }
}
