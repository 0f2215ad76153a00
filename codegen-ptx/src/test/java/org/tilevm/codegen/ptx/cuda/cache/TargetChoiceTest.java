package org.tilevm.codegen.ptx.cuda.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetChoiceTest {
    /** The list NVRTC 13.0 reports (sm_101 was renamed sm_110 in that release). */
    static final List<Integer> NVRTC_13 = List.of(75, 80, 86, 87, 88, 89, 90, 100, 103, 110, 120, 121);
    /** What an NVRTC 12.0 reports: nothing newer than Hopper. */
    static final List<Integer> NVRTC_12_0 = List.of(50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90);

    @Test
    void exactArchitectureGivesCubin() {
        CompileTarget t = TargetChoice.choose(8, 0, NVRTC_13);
        assertEquals(CompileTarget.Kind.CUBIN, t.kind());
        assertEquals("sm_80", t.arch());
        assertEquals("--gpu-architecture=sm_80", t.nvrtcOption());
        assertEquals("sm_90", TargetChoice.choose(9, 0, NVRTC_13).arch());
        assertEquals("sm_100", TargetChoice.choose(10, 0, NVRTC_13).arch());
        assertEquals("sm_120", TargetChoice.choose(12, 0, NVRTC_13).arch());
    }

    @Test
    void missingArchitectureFallsBackToHighestPtxBelow() {
        CompileTarget t = TargetChoice.choose(8, 9, 75, 80, 86, 90);
        assertEquals(CompileTarget.ptx(86), t);
        assertEquals("compute_86", t.arch());
        assertEquals("--gpu-architecture=compute_86", t.nvrtcOption());
        assertEquals(CompileTarget.ptx(80), TargetChoice.choose(8, 9, 75, 80, 90));
        // order and duplicates of the list do not matter
        assertEquals(CompileTarget.ptx(86), TargetChoice.choose(8, 9, 90, 86, 75, 86, 80));
    }

    @Test
    void deviceNewerThanNvrtcGetsPtxOfHighest() {
        assertEquals(CompileTarget.ptx(90), TargetChoice.choose(12, 0, NVRTC_12_0));
        assertEquals(CompileTarget.ptx(121), TargetChoice.choose(13, 0, NVRTC_13));
        assertEquals(CompileTarget.ptx(90), TargetChoice.choose(10, 0, NVRTC_12_0));
    }

    @Test
    void deviceBelowSm80IsRejectedByName() {
        var e = assertThrows(UnsupportedDeviceException.class, () -> TargetChoice.choose(7, 5, NVRTC_13));
        assertTrue(e.getMessage().contains("7.5") && e.getMessage().contains("sm_75"), e.getMessage());
        assertTrue(e.getMessage().contains("sm_80") && e.getMessage().contains("mma.sync"), e.getMessage());
        assertThrows(UnsupportedDeviceException.class, () -> TargetChoice.choose(6, 1, NVRTC_12_0));
    }

    @Test
    void nvrtcThatCannotReachTheDeviceIsAnError() {
        var old = assertThrows(UnsupportedDeviceException.class, () -> TargetChoice.choose(8, 6, 90, 100, 120));
        assertTrue(old.getMessage().contains("8.6") && old.getMessage().contains("oldest") && old.getMessage().contains("sm_90"), old.getMessage());
        var gap = assertThrows(UnsupportedDeviceException.class, () -> TargetChoice.choose(8, 6, 70, 75, 90));
        assertTrue(gap.getMessage().contains("compute_80"), gap.getMessage());
        var none = assertThrows(UnsupportedDeviceException.class, () -> TargetChoice.choose(9, 0, List.of()));
        assertTrue(none.getMessage().contains("no supported"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TargetChoice.choose(8, 10, NVRTC_13));
    }

    /** Random devices and NVRTC lists: the choice is the exact cubin, else the largest PTX at or below the device. */
    @Test
    void randomCasesFollowTheRule() {
        Random rnd = new Random(20240611);
        int[] pool = {60, 70, 75, 80, 86, 87, 89, 90, 100, 103, 110, 120, 121};
        for (int trial = 0; trial < 2000; trial++) {
            List<Integer> archs = new ArrayList<>();
            for (int a : pool) if (rnd.nextInt(3) > 0) archs.add(a);
            int major = 8 + rnd.nextInt(6), minor = rnd.nextInt(10);
            int dev = 10 * major + minor;
            int best = archs.stream().filter(a -> a <= dev).mapToInt(Integer::intValue).max().orElse(-1);
            if (best < 80) {
                assertThrows(UnsupportedDeviceException.class, () -> TargetChoice.choose(major, minor, archs));
                continue;
            }
            CompileTarget t = TargetChoice.choose(major, minor, archs);
            assertEquals(best, t.number(), "device " + dev + " archs " + archs);
            assertEquals(best == dev ? CompileTarget.Kind.CUBIN : CompileTarget.Kind.PTX, t.kind(), "device " + dev + " archs " + archs);
        }
    }
}
