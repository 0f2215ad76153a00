package org.tilevm.stdlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.print.ProgramPrinter;

/** The program listing in stdlib/QMATMUL.md is the program the kernel builder makes. */
class DocExampleTest {

    static String listing(String marker) throws IOException {
        Path doc = Path.of("QMATMUL.md");
        if (!Files.exists(doc)) doc = Path.of("stdlib", "QMATMUL.md");
        String text = Files.readString(doc);
        int at = text.indexOf("<!-- program: " + marker + " -->");
        assertTrue(at >= 0, "QMATMUL.md has no listing " + marker);
        int start = text.indexOf("```\n", at) + 4;
        int end = text.indexOf("\n```", start);
        return text.substring(start, end);
    }

    @Test
    void u4Group128ListingMatchesTheBuiltProgram() throws IOException {
        var program = QuantizedMatmul.program(QMatmulConfig.of(DTypes.F16, DTypes.U4, 128, true));
        assertEquals(listing("qmatmul_f16_u4_g128_z"), ProgramPrinter.print(program).strip());
    }
}
