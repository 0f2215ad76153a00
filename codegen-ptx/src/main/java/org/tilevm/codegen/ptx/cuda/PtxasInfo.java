package org.tilevm.codegen.ptx.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ptxas -v} reports for one entry function: registers per thread, spill traffic,
 * stack frame, static shared memory and barriers. A kernel that spills or needs a stack frame runs
 * slower than its TIR suggests, so tests and benchmarks assert on these.
 *
 * @param kernel           the entry function
 * @param arch             the target, e.g. {@code sm_90}
 * @param registers        registers per thread
 * @param spillStoreBytes  bytes of spill stores
 * @param spillLoadBytes   bytes of spill loads
 * @param stackFrameBytes  bytes of the stack frame (local memory per thread)
 * @param sharedBytes      bytes of static shared memory (dynamic shared memory is not reported)
 * @param barriers         named barriers used
 */
public record PtxasInfo(String kernel, String arch, int registers, int spillStoreBytes, int spillLoadBytes,
                        int stackFrameBytes, int sharedBytes, int barriers) {

    /** Whether the kernel spills registers to local memory. */
    public boolean spills() { return spillStoreBytes > 0 || spillLoadBytes > 0; }

    private static final Pattern ENTRY = Pattern.compile("Compiling entry function '([^']+)' for '([^']+)'");
    private static final Pattern FRAME = Pattern.compile(
            "(\\d+) bytes stack frame, (\\d+) bytes spill stores, (\\d+) bytes spill loads");
    private static final Pattern USED = Pattern.compile("Used (\\d+) registers");
    private static final Pattern SMEM = Pattern.compile("(\\d+) bytes smem");
    private static final Pattern BARRIERS = Pattern.compile("used (\\d+) barriers");

    /**
     * The entry functions of a {@code ptxas -v} log, in order. Each entry's block runs from its
     * "Compiling entry function" line to the next one; lines about non-entry functions before
     * it are skipped.
     */
    public static List<PtxasInfo> parse(String log) {
        List<PtxasInfo> out = new ArrayList<>();
        String[] lines = log.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher e = ENTRY.matcher(lines[i]);
            if (!e.find()) continue;
            int regs = -1, st = 0, ld = 0, frame = 0, smem = 0, bars = 0;
            for (int j = i + 1; j < lines.length && !ENTRY.matcher(lines[j]).find(); j++) {
                Matcher f = FRAME.matcher(lines[j]);
                if (f.find()) {
                    frame = Integer.parseInt(f.group(1));
                    st = Integer.parseInt(f.group(2));
                    ld = Integer.parseInt(f.group(3));
                }
                Matcher u = USED.matcher(lines[j]);
                if (u.find()) {
                    regs = Integer.parseInt(u.group(1));
                    Matcher s = SMEM.matcher(lines[j]);
                    if (s.find()) smem = Integer.parseInt(s.group(1));
                    Matcher b = BARRIERS.matcher(lines[j]);
                    if (b.find()) bars = Integer.parseInt(b.group(1));
                }
            }
            if (regs < 0) throw new IllegalArgumentException("ptxas log has no register count for " + e.group(1) + ":\n" + log);
            out.add(new PtxasInfo(e.group(1), e.group(2), regs, st, ld, frame, smem, bars));
        }
        return out;
    }
}
