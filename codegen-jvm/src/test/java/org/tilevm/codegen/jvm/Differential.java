package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.tilevm.spec.backend.LaunchException;
import org.tilevm.spec.dtype.BitPacking;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.interp.Interpreter;
import org.tilevm.spec.ir.Param;
import org.tilevm.spec.ir.Program;

/**
 * The differential harness: runs a program on the reference interpreter and on the JVM backend,
 * each on its own copy of the same (seeded random) memory, and requires bit-identical memory
 * afterwards, or the same error message. Also checks the generated class with ASM's
 * {@link CheckClassAdapter} (bytecode verification with data flow).
 */
final class Differential {
    private Differential() {}

    static final JvmBackend JVM = new JvmBackend();
    static final Interpreter INTERP = new Interpreter();

    /** What a run did: the error message (null when it succeeded) and the final memory. */
    record Outcome(String error, Map<String, byte[]> memory) {}

    /** Random packed codes of {@code t}: {@code count} elements; with {@code nonZero}, code 0 becomes 1. */
    static byte[] codes(Random rnd, DType t, int count, boolean nonZero) {
        long[] c = new long[count];
        for (int i = 0; i < count; i++) {
            long v = rnd.nextLong() & t.mask();
            if (nonZero && v == 0) v = 1;
            c[i] = v;
        }
        return BitPacking.pack(c, t.bits());
    }

    /** Random bytes (never all zero) for a pointer of {@code count} elements of {@code t}. */
    static byte[] random(Random rnd, DType t, int count) { return codes(rnd, t, count, false); }

    /** Runs on both backends and compares; returns the interpreter's outcome. */
    static Outcome check(Program p, Map<String, Object> scalars, Map<String, byte[]> memory) {
        checkClass(p);
        Outcome ref = run(INTERP, p, scalars, memory, false);
        Outcome jvm = run(JVM, p, scalars, memory, true);
        assertEquals(ref.error(), jvm.error(), "error of " + p.name());
        for (String name : memory.keySet()) {
            byte[] r = ref.memory().get(name), j = jvm.memory().get(name);
            if (!java.util.Arrays.equals(r, j)) fail(p.name() + ": pointer " + name + " differs: " + firstDifference(p, name, r, j));
        }
        return ref;
    }

    /** Like {@link #check}, and also requires the run to succeed. */
    static Outcome checkOk(Program p, Map<String, Object> scalars, Map<String, byte[]> memory) {
        Outcome o = check(p, scalars, memory);
        if (o.error() != null) fail(p.name() + " failed: " + o.error());
        return o;
    }

    static Outcome run(org.tilevm.spec.backend.Backend b, Program p, Map<String, Object> scalars, Map<String, byte[]> memory,
                       boolean sharedArena) {
        try (Arena arena = sharedArena ? Arena.ofShared() : Arena.ofConfined()) {
            Map<String, Object> args = new LinkedHashMap<>(scalars);
            Map<String, MemorySegment> segs = new LinkedHashMap<>();
            memory.forEach((name, bytes) -> {
                MemorySegment s = arena.allocate(Math.max(1, bytes.length), 16).asSlice(0, bytes.length);
                s.copyFrom(MemorySegment.ofArray(bytes));
                segs.put(name, s);
                args.put(name, s);
            });
            String error = null;
            try {
                b.launch(p, args);
            } catch (LaunchException e) {
                error = e.getMessage();
            }
            Map<String, byte[]> out = new LinkedHashMap<>();
            segs.forEach((name, s) -> out.put(name, s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            return new Outcome(error, out);
        }
    }

    private static String firstDifference(Program p, String name, byte[] r, byte[] j) {
        DType t = p.param(name).map(Param::dtype).orElse(null);
        if (t == null) return "(unknown pointer)";
        long n = (long) r.length * 8 / t.bits();
        int diffs = 0;
        String first = null;
        for (long i = 0; i < n; i++) {
            long a = BitPacking.get(MemorySegment.ofArray(r), i, t.bits()), b = BitPacking.get(MemorySegment.ofArray(j), i, t.bits());
            if (a != b) {
                if (first == null) {
                    first = "element " + i + " of " + t.name() + ": interp 0x" + Long.toHexString(a) + " (" + t.decode(a)
                            + "), jvm 0x" + Long.toHexString(b) + " (" + t.decode(b) + ")";
                }
                diffs++;
            }
        }
        return first + ", " + diffs + " elements differ";
    }

    /** The generated class passes ASM's verifier (with data flow, loading referenced classes). */
    static void checkClass(Program p) {
        byte[] bytes = JvmCompiler.bytecode(p, Specialization.none());
        StringWriter sw = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), Differential.class.getClassLoader(), false, new PrintWriter(sw));
        assertTrue(sw.toString().isEmpty(), "generated class of " + p.name() + " does not verify:\n" + sw);
    }

    /** A map of arguments, in order: {@code args("m", 21, "n", 13)}. */
    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
