package org.tilevm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.tilevm.spec.backend.Backend;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.dtype.IntType;
import org.tilevm.stdlib.quant.QuantizedMatmul;
import org.tilevm.stdlib.quant.QuantizedWeights;

/**
 * {@code tilevm qmatmul}: {@code C = A x dequant(W)} on arrays read from {@code .npy} files,
 * the result written to a {@code .npy} file. Checks every file's dtype and shape against the
 * others before running.
 */
final class QmatmulCommand implements Command {
    private static final OptionSpec SPEC = OptionSpec.builder()
            .required("--a", "A.npy", "activations [M,K], float32 '<f4' or float16 '<f2'")
            .required("--codes", "W.npy", "weight codes [K,N], one per element: uint8 '|u1' (uint and float types) or int8 '|i1' (int types)")
            .required("--scales", "S.npy", "float32 scales [ceil(K/G),N]")
            .value("--zeros", "Z.npy", "float32 zero points [ceil(K/G),N] (optional)")
            .required("--type", "T", "weight dtype (1..8 bits), e.g. u4, i3, f4e2m1")
            .required("--group", "G", "rows of W per scale group along K")
            .required("--out", "C.npy", "where to write C [M,N] float32")
            .value(BackendChoice.OPTION, "NAME", BackendChoice.HELP)
            .build();

    @Override public String name() { return "qmatmul"; }

    @Override public String summary() { return "C = A x dequant(W) on .npy files"; }

    @Override public OptionSpec options() { return SPEC; }

    @Override
    public String details() {
        return """
                W[r,c] = (decode(code[r,c]) - zero[g,c]) * scale[g,c] with g = r / G (zero = 0
                without --zeros). For int types the int8 file holds the signed value (i4: -8..7);
                for uint and float types the uint8 file holds the raw code (f4e2m1 code 0b0111 = 7
                is 6.0). The activation type is the dtype of A. Files: NumPy .npy format 1.0/2.0/3.0,
                little-endian, C order. Prints one line: what was written, the backend and time.
                Example (NumPy writes the inputs):
                  tilevm qmatmul --a A.npy --codes W.npy --scales S.npy --zeros Z.npy \\
                      --type u4 --group 128 --out C.npy""";
    }

    @Override
    public int run(Options o, PrintStream out) {
        String aPath = o.required("--a"), wPath = o.required("--codes"), sPath = o.required("--scales");
        String zPath = o.string("--zeros", null), outPath = o.required("--out");
        DType type = Options.parseDType("--type", o.required("--type"));
        if (type.bits() > 8) throw new CliException("--type: weight type must have 1..8 bits, got " + type.name());
        int group = o.positiveInt("--group", 0);
        checkOutputDirectory(outPath);

        NpyArray aArr = read("activations", aPath);
        DType aType = switch (aArr.type()) {
            case F32 -> DTypes.F32;
            case F16 -> DTypes.F16;
            default -> throw new CliException("activations " + aPath + " has dtype " + aArr.type().describe()
                    + ", expected '<f4' (float32) or '<f2' (float16)");
        };
        if (aArr.rank() != 2) {
            throw new CliException("activations " + aPath + " has shape " + Arrays.toString(aArr.shape())
                    + ", expected 2 dimensions [M, K]");
        }
        int m = aArr.shape()[0], k = aArr.shape()[1];
        if (m < 1 || k < 1) throw new CliException("activations " + aPath + " is empty: shape " + Arrays.toString(aArr.shape()));

        NpyArray wArr = read("codes", wPath);
        NpyType codeType = type instanceof IntType it && it.signed() ? NpyType.I8 : NpyType.U8;
        if (wArr.type() != codeType) {
            throw new CliException("codes " + wPath + " has dtype " + wArr.type().describe() + ", expected "
                    + codeType.describe() + " for weight type " + type.name()
                    + (codeType == NpyType.I8 ? " (the signed value of each element)" : " (the raw code of each element)"));
        }
        if (wArr.rank() != 2 || wArr.shape()[0] != k || wArr.shape()[1] < 1) {
            throw new CliException("codes " + wPath + " has shape " + Arrays.toString(wArr.shape()) + ", expected [" + k
                    + ", N] = [K, N] for K=" + k + " (from " + aPath + ")");
        }
        int n = wArr.shape()[1];
        long[] codes = codes(wArr.toLongs(), type, wPath, n);

        int groups = QuantizedWeights.groups(k, group);
        float[] scales = groupArray("scales", sPath, k, n, group, groups);
        float[] zeros = zPath == null ? null : groupArray("zeros", zPath, k, n, group, groups);

        QuantizedWeights w = QuantizedWeights.fromCodes(codes, k, n, type, group, scales, zeros);
        float[] a = aArr.toFloats();
        Backend backend = BackendChoice.pick(o.string(BackendChoice.OPTION, null));
        long t0 = System.nanoTime();
        float[] c = QuantizedMatmul.run(backend, a, aType, m, w);
        double ms = (System.nanoTime() - t0) / 1e6;
        write(outPath, NpyArray.ofFloat32(new int[] {m, n}, c));
        out.printf(Locale.ROOT, "wrote %s: float32 [%d, %d] = A[%d, %d] (%s) x W[%d, %d] (%s, group %d%s) on %s in %.1f ms%n",
                outPath, m, n, m, k, aType.name(), k, n, type.name(), group, zeros == null ? "" : ", zero points",
                backend.name(), ms);
        return Main.EXIT_OK;
    }

    /** The codes of the weight type from the file's values, with a message naming the first bad element. */
    private static long[] codes(long[] values, DType type, String path, int n) {
        long[] codes = new long[values.length];
        boolean signed = type instanceof IntType it && it.signed();
        long lo = signed ? -(1L << (type.bits() - 1)) : 0, hi = signed ? (1L << (type.bits() - 1)) - 1 : (1L << type.bits()) - 1;
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            if (v < lo || v > hi) {
                throw new CliException("codes " + path + ": element [" + i / n + ", " + i % n + "] = " + v
                        + " does not fit in " + type.name() + " (" + (signed ? "values " : "codes ") + lo + ".." + hi + ")");
            }
            codes[i] = v & type.mask();
        }
        return codes;
    }

    private static float[] groupArray(String role, String path, int k, int n, int group, int groups) {
        NpyArray arr = read(role, path);
        if (arr.type() != NpyType.F32) {
            throw new CliException(role + " " + path + " has dtype " + arr.type().describe() + ", expected '<f4' (float32)");
        }
        int[] shape = arr.shape();
        if (shape.length != 2 || shape[0] != groups || shape[1] != n) {
            throw new CliException(role + " " + path + " has shape " + Arrays.toString(shape) + ", expected [" + groups
                    + ", " + n + "] = [ceil(K/G), N] for K=" + k + ", G=" + group);
        }
        return arr.toFloats();
    }

    /** Reads a .npy file; every problem is a {@link CliException} naming its role and path. */
    static NpyArray read(String role, String path) {
        try {
            return Npy.read(Path.of(path));
        } catch (NpyFormatException e) {
            throw new CliException(role + " " + e.getMessage(), e);
        } catch (InvalidPathException e) {
            throw new CliException(role + " " + path + ": bad path: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(role + " " + path + ": " + Main.describe(e), e);
        }
    }

    /** Fails before any work when the output's directory does not exist. */
    private static void checkOutputDirectory(String path) {
        Path parent;
        try {
            parent = Path.of(path).toAbsolutePath().getParent();
        } catch (InvalidPathException e) {
            throw new CliException("--out " + path + ": bad path: " + e.getMessage(), e);
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException("--out " + path + ": cannot write: its directory does not exist");
        }
        if (Files.isDirectory(Path.of(path))) throw new CliException("--out " + path + ": is a directory");
    }

    static void write(String path, NpyArray arr) {
        try {
            Npy.write(Path.of(path), arr);
        } catch (InvalidPathException e) {
            throw new CliException("--out " + path + ": bad path: " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CliException("--out " + path + ": cannot write: its directory does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CliException("--out " + path + ": cannot write: permission denied", e);
        } catch (IOException e) {
            throw new CliException("--out " + path + ": cannot write: " + Main.describe(e), e);
        }
    }
}
