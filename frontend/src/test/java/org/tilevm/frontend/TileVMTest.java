package org.tilevm.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tilevm.frontend.dsl.Kernel;
import org.tilevm.frontend.dsl.Scalar;
import org.tilevm.layout.Layouts;
import org.tilevm.spec.dtype.DTypes;
import org.tilevm.spec.ir.Program;

class TileVMTest {

    @Test
    void runsOnTheBestAvailableBackend() {
        Program p = Kernel.build("add_one", k -> {
            var px = k.pointer("x", DTypes.I32);
            k.warps(1);
            k.grid(1);
            var g = k.globalView(px, Scalar.i32(32));
            var t = k.loadGlobal(g, Layouts.spatial(32), 0);
            k.storeGlobal(t.plus(1), g, 0);
        });
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(32 * 4, 16);
            for (int i = 0; i < 32; i++) x.setAtIndex(ValueLayout.JAVA_INT, i, 7 * i - 50);
            var b = TileVM.run(p, Map.of("x", x));
            assertTrue(b.isAvailable());
            assertEquals(TileVM.backends().stream().filter(x2 -> x2.isAvailable()).findFirst().orElseThrow().name(), b.name());
            for (int i = 0; i < 32; i++) assertEquals(7 * i - 49, x.getAtIndex(ValueLayout.JAVA_INT, i));
        }
    }

    @Test
    void unknownBackendIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> TileVM.backend("nosuch"));
        assertTrue(e.getMessage().contains("unknown backend 'nosuch'"), e.getMessage());
    }
}
