package org.tilevm.bench.baseline;

/**
 * The rows of K split into blocks of at most {@code maxRows} rows that never straddle a scale
 * group, so a block has one scale (and zero point) row: block {@code b} is rows
 * {@code [start[b], start[b+1])} of group {@code group[b]}.
 */
record KBlocks(int[] start, int[] group) {

    static KBlocks of(int k, int groupSize, int maxRows) {
        int perGroup = (Math.min(groupSize, k) + maxRows - 1) / maxRows;
        int groups = (k + groupSize - 1) / groupSize;
        int[] start = new int[groups * perGroup + 1];
        int[] group = new int[groups * perGroup];
        int b = 0;
        for (int g = 0; g < groups; g++) {
            int end = (int) Math.min(k, (long) (g + 1) * groupSize);
            for (int r = g * groupSize; r < end; r += maxRows) {
                start[b] = r;
                group[b++] = g;
            }
        }
        start[b] = k;
        return new KBlocks(java.util.Arrays.copyOf(start, b + 1), java.util.Arrays.copyOf(group, b));
    }

    int count() { return group.length; }

    /** The most rows of any block. */
    int maxRows() {
        int most = 0;
        for (int b = 0; b < count(); b++) most = Math.max(most, start[b + 1] - start[b]);
        return most;
    }
}
