package org.tilevm.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayoutTextTest {

    @Test
    void parsesChainsOfPrimitives() {
        assertEquals(Layouts.local(2, 1).spatial(8, 4).local(1, 2), Layouts.parse("local(2,1).spatial(8,4).local(1,2)"));
        assertEquals(Layouts.columnLocal(2, 2), Layouts.parse("columnLocal(2,2)"));
        assertEquals(Layouts.spatial(8, 4).replicated(2), Layouts.parse("spatial(8,4).replicated(2)"));
        assertEquals(Layouts.spatial(8, 4).replicated(2), Layouts.parse("spatial(8,4).replicated(2, 2)"));
        assertEquals(Layouts.replicated(2, 2).spatial(8, 4), Layouts.parse("replicated(2, 2).spatial(8,4)"));
        assertEquals(Layouts.spatial(8, 4), Layouts.parse("  spatial ( 8 , 4 )  "));
        assertEquals(Layouts.local(), Layouts.parse("local()"));
        assertEquals(0, Layouts.parse("local()").rank());
    }

    @Test
    void parsesTransformsAndRawForm() {
        assertEquals(Layouts.spatial(8, 4).permute(1, 0), Layouts.parse("spatial(8,4).permute(1,0)"));
        assertEquals(Layouts.spatial(8, 4).flatten(), Layouts.parse("spatial(8,4).flatten()"));
        assertEquals(Layouts.spatial(32), Layouts.parse("spatial(8,4).reshape(32)"));
        assertEquals(Layouts.spatial(1, 8), Layouts.parse("spatial(8).unsqueeze(0)"));
        assertEquals(Layouts.spatial(8), Layouts.parse("spatial(1,8).squeeze(0)"));
        assertEquals(Layouts.spatial(8), Layouts.parse("spatial(1,8).squeeze()"));
        RegisterLayout raw = Layouts.parse("layout([16, 8], [2, 8, 4, 2], [1, 2], [0, 3])");
        assertEquals(Layouts.local(2, 1).spatial(8, 4).local(1, 2), raw);
        assertEquals(Layouts.spatial(8).replicated(2), Layouts.parse("layout([8],[8],[0,-2],[])"));
        assertEquals(Layouts.spatial(2).compose(RegisterLayout.of(new int[] {8}, new int[] {2, 4}, new int[] {1, 0},
                new int[] {})), Layouts.parse("spatial(2).layout([8],[2,4],[1,0],[])"));
    }

    @Test
    void printsTheCanonicalForm() {
        assertEquals("spatial(4,4)", Layouts.spatial(2, 1).spatial(2, 4).toString());
        assertEquals("columnSpatial(4,8)", Layouts.spatial(1, 8).spatial(4, 1).toString());
        assertEquals("spatial(8,4).replicated(2)", Layouts.spatial(8, 4).replicated(2).toString());
        assertEquals("replicated(2, 2).spatial(8,4)", Layouts.replicated(2, 2).spatial(8, 4).toString());
        assertEquals("local(1,1)", Layouts.spatial(1, 1).toString());
        assertEquals("local()", Layouts.local().toString());
        assertEquals("spatial(2,1,3)", Layouts.spatial(2, 1, 3).toString());
        assertEquals("columnSpatial(2,1,3)", Layouts.columnSpatial(2, 1, 3).toString());
        // rank 3 order that is neither row nor column major: two layers
        RegisterLayout l = RegisterLayout.of(new int[] {2, 3, 5}, new int[] {2, 3, 5}, new int[] {1, 0, 2}, new int[] {});
        assertEquals("columnSpatial(2,3,1).spatial(1,1,5)", l.toString());
        assertEquals(l, Layouts.parse(l.toString()));
    }

    private static void assertError(String text, int column, String fragment) {
        LayoutException e = assertThrows(LayoutException.class, () -> Layouts.parse(text));
        assertTrue(e.getMessage().contains("column " + column + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void errorsNameTheColumnAndTheProblem() {
        assertError("spatial(8,,4)", 11, "expected an integer but found ','");
        assertError("spatial(8,4", 12, "expected ')' but found end of text");
        assertError("spatial(8,4).local(2)", 14, "ranks differ");
        assertError("spatail(8,4)", 1, "unknown layout function 'spatail'");
        assertError("spatial(8,4) local(2,2)", 14, "expected '.' or end of text");
        assertError("spatial(8,0)", 1, "sizes must be >= 1");
        assertError("", 1, "expected a layout function name");
        assertError("spatial(8,4).", 14, "expected a layout function name");
        assertError("replicated(2)", 1, "needs (replication, rank)");
        assertError("permute(1,0)", 1, "must follow a layout");
        assertError("spatial(4).permute(1)", 12, "dimension 1 out of range");
        assertError("spatial(4).permute(0,0)", 12, "not a permutation");
        assertError("layout([4],[3],[0],[])", 1, "do not split dimension 0");
        assertError("layout(4,[4],[0],[])", 8, "layout takes lists");
        assertError("spatial([4])", 9, "takes integers, not a list");
        assertError("spatial(99999999999)", 9, "out of range");
        assertThrows(LayoutException.class, () -> Layouts.parse(null));
    }
}
