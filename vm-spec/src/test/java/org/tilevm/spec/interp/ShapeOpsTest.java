package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Harness.in;
import static org.tilevm.spec.interp.Ir.*;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.RegisterLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

/** reduce, transpose, squeeze, unsqueeze, reshape, assign, allocate_register. */
class ShapeOpsTest {
    static final RegisterLayout L = Layouts.local(2, 1).spatial(4, 8).local(1, 2); // [8, 16]

    @Test
    void reduceSumInAscendingOrderInTheDtype() {
        Random r = new Random(51);
        long[] a = randomFloats(r, DTypes.F32, 128, 1000);
        for (int i = 0; i < 128; i += 5) a[i] = Float.floatToRawIntBits(1e-3f * (i + 1)); // small terms that rounding loses
        TensorVar o = reg("o", DTypes.F32, L.reduce(new int[] {1}, false));
        long[] sum = Harness.run(interp(), o, v -> new Reduce(o, v.get(0), 1, ReduceOp.SUM, false), in("a", DTypes.F32, L, a));
        assertEquals(8, sum.length);
        for (int i = 0; i < 8; i++) {
            float acc = Float.intBitsToFloat((int) a[i * 16]);
            for (int k = 1; k < 16; k++) acc += Float.intBitsToFloat((int) a[i * 16 + k]);
            assertEquals(Float.floatToRawIntBits(acc) & 0xFFFF_FFFFL, sum[i], "row " + i);
        }
    }

    @Test
    void reduceMaxMinKeepDimOnIntegers() {
        Random r = new Random(52);
        long[] a = randomCodes(r, DTypes.I8, 128);
        TensorVar o = reg("o", DTypes.I8, L.reduce(new int[] {0}, true));
        long[] max = Harness.run(interp(), o, v -> new Reduce(o, v.get(0), 0, ReduceOp.MAX, true), in("a", DTypes.I8, L, a));
        long[] min = Harness.run(interp(), o, v -> new Reduce(o, v.get(0), 0, ReduceOp.MIN, true), in("a", DTypes.I8, L, a));
        for (int j = 0; j < 16; j++) {
            int mx = Integer.MIN_VALUE, mn = Integer.MAX_VALUE;
            for (int i = 0; i < 8; i++) {
                mx = Math.max(mx, (byte) a[i * 16 + j]);
                mn = Math.min(mn, (byte) a[i * 16 + j]);
            }
            assertEquals(mx & 0xFF, max[j]);
            assertEquals(mn & 0xFF, min[j]);
        }
    }

    @Test
    void transposeMovesElements() {
        long[] a = randomCodes(new Random(53), DTypes.U16, 128);
        TensorVar o = reg("o", DTypes.U16, L.permute(1, 0));
        long[] t = Harness.run(interp(), o, v -> new Transpose(o, v.get(0)), in("a", DTypes.U16, L, a));
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 16; j++) assertEquals(a[i * 16 + j], t[j * 8 + i]);
        }
    }

    @Test
    void unsqueezeSqueezeReshapeKeepRowMajorOrder() {
        long[] a = randomCodes(new Random(54), DTypes.I6, 128);
        RegisterLayout u = L.unsqueeze(1);
        TensorVar o = reg("o", DTypes.I6, u);
        long[] un = Harness.run(interp(), o, v -> new Unsqueeze(o, v.get(0), List.of(1)), in("a", DTypes.I6, L, a));
        assertArrayEquals(a, un);
        TensorVar sq = reg("sq", DTypes.I6, u.squeeze(1));
        assertArrayEquals(a, Harness.run(interp(), sq, v -> new Squeeze(sq, v.get(0), List.of(1)), in("u", DTypes.I6, u, a)));
        TensorVar rs = reg("rs", DTypes.I6, L.reshape(4, 32));
        assertArrayEquals(a, Harness.run(interp(), rs, v -> new Reshape(rs, v.get(0)), in("a", DTypes.I6, L, a)));
        // a reshape into an unrelated layout still moves every element to its place
        TensorVar rs2 = reg("rs2", DTypes.I6, Layouts.spatial(4, 8).local(1, 4));
        assertArrayEquals(a, Harness.run(unverified(), rs2, v -> new Reshape(rs2, v.get(0)), in("a", DTypes.I6, L, a)));
    }

    @Test
    void assignCopiesAndAllocateConvertsItsInit() {
        long[] a = randomCodes(new Random(55), DTypes.U8, 128);
        TensorVar o = reg("o", DTypes.U8, L);
        assertArrayEquals(a, Harness.run(interp(), o, v -> new AssignTensor(o, v.get(0)), in("a", DTypes.U8, L, a)));
        TensorVar z = reg("z", DTypes.F4E2M1, L);
        long[] filled = Harness.run(interp(), z, v -> new AllocateRegister(z, new Expr.FloatConst(2.6, DTypes.F32)),
                in("a", DTypes.U8, L, a));
        for (long c : filled) assertEquals(3.0, DTypes.F4E2M1.decode(c)); // 2.6 -> nearest f4e2m1 value 3
        TensorVar w = reg("w", DTypes.I4, L);
        long[] wrapped = Harness.run(interp(), w, v -> new AllocateRegister(w, i32(13)), in("a", DTypes.U8, L, a));
        for (long c : wrapped) assertEquals(13, c); // 13 wraps to i4 -3, code 0b1101
        long[] zero = Harness.run(interp(), w, v -> new AllocateRegister(w, null), in("a", DTypes.U8, L, a));
        for (long c : zero) assertEquals(0, c);
    }
}
