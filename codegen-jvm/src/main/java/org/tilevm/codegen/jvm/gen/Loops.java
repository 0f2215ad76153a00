package org.tilevm.codegen.jvm.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The loops enclosing a statement, outermost first, as error messages list them: each has a slot
 * in the block's {@code long[] loops} array (its current value) and a label (the loop variable's
 * name, or null for a {@code while} loop's iteration count).
 */
record Loops(List<Integer> slotList, List<String> labelList) {
    static final Loops NONE = new Loops(List.of(), List.of());

    Loops with(int slot, String label) {
        List<Integer> s = new ArrayList<>(slotList);
        List<String> l = new ArrayList<>(labelList);
        s.add(slot);
        l.add(label);
        return new Loops(s, l);
    }

    int[] slots() { return slotList.stream().mapToInt(Integer::intValue).toArray(); }

    String[] labels() { return labelList.toArray(new String[0]); }
}
