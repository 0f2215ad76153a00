package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;

class QmatmulCommandTest {
    @TempDir
    Path dir;

    /** Random inputs of one problem, written to .npy files in {@link #dir}. */
    final class Problem {
        final int m, k, n, group, groups;
        final DType type, aType;
        final float[] a, scales, zeros;
        /** The file values: int8 signed values for int types, raw codes otherwise. */
        final long[] values;
        final Path aPath = dir.resolve("A.npy"), wPath = dir.resolve("W.npy"), sPath = dir.resolve("S.npy"),
                zPath = dir.resolve("Z.npy"), cPath = dir.resolve("C.npy");

        Problem(long seed, int m, int k, int n, int group, DType type, DType aType, boolean withZeros) throws Exception {
            this.m = m;
            this.k = k;
            this.n = n;
            this.group = group;
            this.type = type;
            this.aType = aType;
            this.groups = (k + group - 1) / group;
            Random rnd = new Random(seed);
            a = new float[m * k];
            for (int i = 0; i < a.length; i++) a[i] = (float) aType.decode(aType.encode(rnd.nextDouble() * 2 - 1));
            values = new long[k * n];
            boolean signed = type instanceof IntType it && it.signed();
            for (int i = 0; i < values.length; i++) {
                long code;
                do {
                    code = rnd.nextInt(1 << type.bits());
                } while (!Double.isFinite(type.decode(code)));
                values[i] = signed ? (long) type.decode(code) : code;
            }
            scales = new float[groups * n];
            for (int i = 0; i < scales.length; i++) scales[i] = 0.01f + 0.1f * rnd.nextFloat();
            zeros = withZeros ? new float[groups * n] : null;
            if (withZeros) for (int i = 0; i < zeros.length; i++) zeros[i] = rnd.nextInt(1 << type.bits());

            Npy.write(aPath, aType.equals(DTypes.F16) ? NpyArray.ofFloat16(new int[] {m, k}, a) : NpyArray.ofFloat32(new int[] {m, k}, a));
            Npy.write(wPath, signed ? NpyArray.ofInt8(new int[] {k, n}, values) : NpyArray.ofUint8(new int[] {k, n}, values));
            Npy.write(sPath, NpyArray.ofFloat32(new int[] {groups, n}, scales));
            if (withZeros) Npy.write(zPath, NpyArray.ofFloat32(new int[] {groups, n}, zeros));
        }

        String[] args(String... extra) {
            List<String> l = new ArrayList<>(List.of("qmatmul", "--a", aPath.toString(), "--codes", wPath.toString(),
                    "--scales", sPath.toString(), "--type", type.name(), "--group", Integer.toString(group),
                    "--out", cPath.toString()));
            if (zeros != null) l.addAll(List.of("--zeros", zPath.toString()));
            l.addAll(List.of(extra));
            return l.toArray(String[]::new);
        }

        /** float64 C computed here from the file values, independently of the stdlib. */
        double[] expected() {
            boolean signed = type instanceof IntType it && it.signed();
            double[] c = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int r = 0; r < k; r++) {
                        int g = r / group;
                        double v = signed ? values[r * n + j] : type.decode(values[r * n + j]);
                        double w = (v - (zeros == null ? 0 : zeros[g * n + j])) * scales[g * n + j];
                        s += a[i * k + r] * w;
                    }
                    c[i * n + j] = s;
                }
            }
            return c;
        }

        void checkOutput() throws Exception {
            NpyArray c = Npy.read(cPath);
            assertEquals(NpyType.F32, c.type());
            assertArrayEquals(new int[] {m, n}, c.shape());
            float[] got = c.toFloats();
            double tol = QuantizedMatmul.tolerance(aType, k);
            double err = QuantizedMatmul.relativeError(got, expected());
            assertTrue(err <= tol, type + ": error " + err + " > " + tol);
            long[] codes = new long[values.length];
            for (int i = 0; i < codes.length; i++) codes[i] = values[i] & type.mask();
            QuantizedWeights w = QuantizedWeights.fromCodes(codes, k, n, type, group, scales, zeros);
            double errRef = QuantizedMatmul.relativeError(got, QuantizedMatmul.reference(a, aType, m, w));
            assertTrue(errRef <= tol, type + ": error vs QuantizedMatmul.reference " + errRef + " > " + tol);
        }
    }

    @Test
    void u4WithZeroPointsF16OddShapes() throws Exception {
        Problem p = new Problem(1, 3, 200, 70, 64, DTypes.U4, DTypes.F16, true);
        CliRun r = CliRun.of(p.args()).ok();
        assertTrue(r.out().startsWith("wrote " + p.cPath + ": float32 [3, 70] = A[3, 200] (f16) x W[200, 70] (u4, group 64, zero points) on "),
                r.out());
        p.checkOutput();
    }

    @Test
    void simulatedGpuBackendOnUserData() throws Exception {
        Problem p = new Problem(3, 5, 96, 40, 32, DTypes.U4, DTypes.F16, true);
        CliRun r = CliRun.of(p.args("--backend", "sim")).ok();
        assertTrue(r.out().contains(" on sim"), r.out());
        p.checkOutput();
    }

    @Test
    void signedIntCodesAreTheInt8Values() throws Exception {
        Problem p = new Problem(2, 5, 96, 24, 32, DTypes.I3, DTypes.F32, false);
        assertTrue(java.util.Arrays.stream(p.values).anyMatch(v -> v < 0), "some negative values");
        CliRun.of(p.args("--backend", "interp")).ok();
        p.checkOutput();
    }

    @Test
    void floatCodesAndWideTypes() throws Exception {
        Problem f4 = new Problem(3, 2, 64, 16, 16, DTypes.F4E2M1, DTypes.F16, false);
        CliRun.of(f4.args()).ok();
        f4.checkOutput();
        Problem u8 = new Problem(4, 4, 48, 9, 48, DTypes.U8, DTypes.F32, true);
        CliRun.of(u8.args()).ok();
        u8.checkOutput();
        Problem i8 = new Problem(5, 1, 40, 8, 8, DTypes.I8, DTypes.F16, false);
        CliRun.of(i8.args()).ok();
        i8.checkOutput();
    }

    @Test
    void unwritableOutputIsBadInput() throws Exception {
        Problem p = new Problem(6, 2, 32, 8, 32, DTypes.U2, DTypes.F32, false);
        String[] args = p.args();
        args[java.util.Arrays.asList(args).indexOf("--out") + 1] = dir.resolve("no/such/dir/C.npy").toString();
        CliRun.of(args).badInput("--out ", "its directory does not exist");
    }

    // ---- bad input: checked before anything runs

    @Test
    void wrongScalesShapeNamesTheExpectedShape() throws Exception {
        Problem p = new Problem(7, 3, 200, 70, 64, DTypes.U4, DTypes.F16, false);
        Npy.write(p.sPath, NpyArray.ofFloat32(new int[] {3, 70}, new float[3 * 70]));
        CliRun.of(p.args()).badInput("scales " + p.sPath + " has shape [3, 70], expected [4, 70] = [ceil(K/G), N] for K=200, G=64");
        Npy.write(p.sPath, NpyArray.ofFloat16(new int[] {4, 70}, new float[4 * 70]));
        CliRun.of(p.args()).badInput("scales " + p.sPath + " has dtype '<f2' (float16), expected '<f4' (float32)");
    }

    @Test
    void wrongZerosShape() throws Exception {
        Problem p = new Problem(8, 2, 64, 16, 32, DTypes.U4, DTypes.F32, true);
        Npy.write(p.zPath, NpyArray.ofFloat32(new int[] {2, 15}, new float[30]));
        CliRun.of(p.args()).badInput("zeros " + p.zPath + " has shape [2, 15], expected [2, 16] = [ceil(K/G), N] for K=64, G=32");
    }

    @Test
    void codesMustHaveTheRightDtypeShapeAndRange() throws Exception {
        Problem p = new Problem(9, 2, 64, 16, 32, DTypes.I4, DTypes.F32, false);
        long[] v = p.values.clone();
        Npy.write(p.wPath, NpyArray.ofUint8(new int[] {64, 16}, v));
        CliRun.of(p.args()).badInput("codes " + p.wPath + " has dtype '|u1' (uint8), expected '|i1' (int8) for weight type i4");
        v[1 * 16 + 2] = -9;
        Npy.write(p.wPath, NpyArray.ofInt8(new int[] {64, 16}, v));
        CliRun.of(p.args()).badInput("codes " + p.wPath + ": element [1, 2] = -9 does not fit in i4 (values -8..7)");
        Npy.write(p.wPath, NpyArray.ofInt8(new int[] {63, 16}, new long[63 * 16]));
        CliRun.of(p.args()).badInput("codes " + p.wPath + " has shape [63, 16], expected [64, N] = [K, N] for K=64 (from "
                + p.aPath + ")");

        Problem u = new Problem(10, 2, 64, 16, 32, DTypes.U4, DTypes.F32, false);
        long[] uv = u.values.clone();
        uv[5] = 16;
        Npy.write(u.wPath, NpyArray.ofUint8(new int[] {64, 16}, uv));
        CliRun.of(u.args()).badInput("element [0, 5] = 16 does not fit in u4 (codes 0..15)");
        Npy.write(u.wPath, NpyArray.ofInt8(new int[] {64, 16}, u.values));
        CliRun.of(u.args()).badInput("expected '|u1' (uint8) for weight type u4");

        Problem e4m3 = new Problem(11, 1, 16, 8, 16, DTypes.F8E4M3, DTypes.F32, false);
        long[] ev = e4m3.values.clone();
        ev[3] = 0x7F; // NaN
        Npy.write(e4m3.wPath, NpyArray.ofUint8(new int[] {16, 8}, ev));
        CliRun.of(e4m3.args()).badInput("code 127");
    }

    @Test
    void activationsMustBeA2dFloat16Or32Matrix() throws Exception {
        Problem p = new Problem(12, 2, 64, 16, 32, DTypes.U4, DTypes.F32, false);
        Files.write(p.aPath, NpyTest.v1("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 64), }", new byte[2 * 64 * 8]));
        CliRun.of(p.args()).badInput("activations " + p.aPath + ": unsupported dtype '<f8'");
        Npy.write(p.aPath, NpyArray.ofInt8(new int[] {2, 64}, new long[128]));
        CliRun.of(p.args()).badInput("activations " + p.aPath + " has dtype '|i1' (int8), expected '<f4' (float32) or '<f2' (float16)");
        Npy.write(p.aPath, NpyArray.ofFloat32(new int[] {2, 4, 16}, new float[128]));
        CliRun.of(p.args()).badInput("activations " + p.aPath + " has shape [2, 4, 16], expected 2 dimensions [M, K]");
        Files.write(p.aPath, NpyTest.v1("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 64), }", new byte[2 * 64 * 4]));
        CliRun.of(p.args()).badInput("activations " + p.aPath + ": fortran_order=True is not supported");
        Files.write(p.aPath, NpyTest.v1("{'descr': '>f4', 'fortran_order': False, 'shape': (2, 64), }", new byte[2 * 64 * 4]));
        CliRun.of(p.args()).badInput("big-endian dtype '>f4' is not supported");
        Files.delete(p.aPath);
        CliRun.of(p.args()).badInput("activations " + p.aPath + ": no such file");
    }

    @Test
    void missingOptionsAndBadValues() throws Exception {
        Problem p = new Problem(13, 2, 64, 16, 32, DTypes.U4, DTypes.F32, false);
        String[] args = p.args();
        List<String> noOut = new ArrayList<>(List.of(args));
        int i = noOut.indexOf("--out");
        noOut.remove(i + 1);
        noOut.remove(i);
        CliRun.of(noOut.toArray(String[]::new)).badInput("'qmatmul' needs option --out C.npy");
        CliRun.of("qmatmul").badInput("'qmatmul' needs option --a A.npy");
        CliRun.of(p.args("--group", "7")).badInput("option --group is given twice");
        List<String> badType = new ArrayList<>(List.of(args));
        badType.set(badType.indexOf("--type") + 1, "f32");
        CliRun.of(badType.toArray(String[]::new)).badInput("--type: weight type must have 1..8 bits, got f32");
        CliRun.of(p.args("--backend", "nosuch")).badInput("--backend: unknown backend 'nosuch'");
    }
}
