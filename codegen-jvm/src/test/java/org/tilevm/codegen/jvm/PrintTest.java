package org.tilevm.codegen.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tilevm.frontend.dsl.GlobalTensor;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Pointer;
import org.tilevm.frontend.dsl.RegisterTensor;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.frontend.dsl.ScalarParam;
import org.tilevm.frontend.dsl.SharedTensor;
import org.tilevm.layout.Layouts;
import org.tilevm.layout.SharedLayout;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.interp.Interpreter;
import org.tilevm.spec.ir.Program;

/** print writes the interpreter's text, block after block. */
class PrintTest {

    @Test
    void printedTextEqualsTheInterpreters() {
        Program p = Kernel.build("show", k -> {
            ScalarParam n = k.param("n", DTypes.I32), f = k.param("f", DTypes.BF16);
            Pointer x = k.pointer("x", DTypes.F16);
            k.warps(1);
            k.grid(Scalar.i32(3));
            GlobalTensor gx = k.globalView(x, Scalar.i32(8), Scalar.i32(8));
            RegisterTensor a = k.loadGlobal(gx, Layouts.spatial(8, 4).local(1, 2), 0, 0);
            SharedTensor s = k.sharedTensor("s", DTypes.F16, SharedLayout.rowMajor(8, 8));
            k.storeShared(a, s, 0, 0);
            k.print("block", k.blockIdx(0), n, f, Scalar.f32(0.1), Scalar.constant(3, DTypes.U4));
            k.print("regs", a.cast(DTypes.I8), n);
            k.print("shared", s);
            k.print("global", gx);
        });
        byte[] data = Differential.random(new Random(91), DTypes.F16, 64);
        String ref = printed(new Interpreter(), p, data), jvm = printed(null, p, data);
        assertTrue(ref.contains("[block (2, 0, 0)] block 2 5 "), ref);
        assertEquals(ref, jvm);
    }

    private static String printed(Interpreter interp, Program p, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        org.tilevm.spec.backend.Backend b = interp != null ? new Interpreter(out) : new JvmBackend(out);
        Differential.run(b, p, Map.of("n", 5, "f", 2.71828), Map.of("x", data), interp == null);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
