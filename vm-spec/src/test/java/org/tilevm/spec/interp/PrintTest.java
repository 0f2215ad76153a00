package org.tilevm.spec.interp;

import static org.junit.jupiter.api.Assertions.*;
import static org.tilevm.spec.interp.Ir.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.*;

class PrintTest {
    @Test
    void printsMessageArgumentsAndTensorToTheConfiguredStream() {
        Param n = Param.scalar("n", DTypes.I32);
        TensorVar t = reg("t", DTypes.F16, Layouts.local(2, 1).spatial(1, 32)); // [2, 32]
        Program p = program(List.of(n), List.of(i32(2)),
                ex(new AllocateRegister(t, new Expr.FloatConst(1.5, DTypes.F16))),
                ex(new Print("hello", List.of(n.var(), new Expr.BlockIdx(0)), t)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Interpreter in = new Interpreter(new PrintStream(buf, true, StandardCharsets.UTF_8), Ir.VERIFY);
        in.launch(p, args("n", 7));
        String text = buf.toString(StandardCharsets.UTF_8);
        String[] lines = text.split("\n");
        assertEquals("[block (0, 0, 0)] hello 7 0", lines[0]);
        assertTrue(lines[1].startsWith("t: register f16[2, 32]"), lines[1]);
        assertEquals("  " + "1.5 ".repeat(31) + "1.5", lines[2]);
        assertEquals("[block (1, 0, 0)] hello 7 1", lines[4]);
        assertEquals(8, lines.length);
    }
}
