package org.tilevm.codegen.ptx.tir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tilevm.codegen.ptx.tir.Tx.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** codegen-ptx/TIR.md describes every node kind and shows a message the verifier really gives. */
class TirDocTest {
    private static String doc() throws IOException {
        return Files.readString(Path.of("TIR.md"));
    }

    @Test
    void everyRecordHasARow() throws IOException {
        String doc = doc();
        for (Class<?> c : List.of(TStmt.class.getPermittedSubclasses())) {
            assertTrue(doc.contains("| `" + c.getSimpleName() + "("), "TIR.md has no row for statement " + c.getSimpleName());
        }
        for (Class<?> c : List.of(TExpr.class.getPermittedSubclasses())) {
            assertTrue(doc.contains("| `" + c.getSimpleName() + "("), "TIR.md has no row for expression " + c.getSimpleName());
        }
    }

    @Test
    void theExampleMessageIsTheVerifiers() throws IOException {
        ThreadProgram p = prog(array("r", 1), new TStmt.BarSync(), let(i("kk"), TExpr.i32(0)),
                loop(i("k"), n, new TStmt.Comment("x"), ldShared("r", 0, 64, TExpr.i32(0), 32)));
        List<TirError> errors = TirVerifier.verify(p);
        assertEquals(1, errors.size());
        String expected = "thread-level program 't' is not well formed (1 error):\n  " + errors.get(0).message();
        assertTrue(doc().contains("```\n" + expected + "\n```"), "TIR.md should show:\n" + expected);
    }
}
