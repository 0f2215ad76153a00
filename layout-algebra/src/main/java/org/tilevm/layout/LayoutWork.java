package org.tilevm.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutable scratch form of a {@link RegisterLayout} used by the algebra: modes have stable ids while they are split,
 * merged or removed; {@link #build()} renumbers them in dimension order. Spatial lists hold mode ids (>= 0) or
 * replication entries (-r).
 */
final class LayoutWork {
    int[] shape;
    List<List<Integer>> dims = new ArrayList<>();
    final List<Integer> sizes = new ArrayList<>();
    final List<Integer> modeDim = new ArrayList<>();
    List<Integer> spatial = new ArrayList<>();
    List<Integer> local = new ArrayList<>();

    LayoutWork(int[] shape) {
        this.shape = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            dims.add(new ArrayList<>());
        }
    }

    LayoutWork(RegisterLayout l) {
        this(l.shape());
        int[] ms = l.modeShape();
        for (int m = 0; m < ms.length; m++) {
            int d = l.modeDimOf(m);
            sizes.add(ms[m]);
            modeDim.add(d);
            dims.get(d).add(m);
        }
        for (int e : l.spatialModes()) {
            spatial.add(e);
        }
        for (int e : l.localModes()) {
            local.add(e);
        }
    }

    /** Appends a new (least significant) mode to dimension {@code dim}; the caller puts it in a list. */
    int addMode(int dim, int size) {
        int id = sizes.size();
        sizes.add(size);
        modeDim.add(dim);
        dims.get(dim).add(id);
        return id;
    }

    int size(int id) {
        return sizes.get(id);
    }

    int dimOf(int id) {
        return modeDim.get(id);
    }

    List<Integer> listOf(int id) {
        return spatial.contains(id) ? spatial : local;
    }

    /**
     * Splits mode {@code id} (size outer*inner) into an outer part (keeps the id) and an inner part (returned id),
     * placed right after it both in its dimension and in its list, so the map is unchanged.
     */
    int split(int id, int outer, int inner) {
        if (outer * inner != sizes.get(id)) {
            throw new IllegalStateException("bad split");
        }
        int d = modeDim.get(id);
        int nid = sizes.size();
        sizes.add(inner);
        modeDim.add(d);
        sizes.set(id, outer);
        List<Integer> dl = dims.get(d);
        dl.add(dl.indexOf(id) + 1, nid);
        List<Integer> list = listOf(id);
        list.add(list.indexOf(id) + 1, nid);
        return nid;
    }

    void remove(int id) {
        Integer box = id;
        dims.get(modeDim.get(id)).remove(box);
        spatial.remove(box);
        local.remove(box);
    }

    /** Reverses every dimension's mode order and both lists (see RegisterLayout#leftDivide). */
    void reverse() {
        for (List<Integer> dl : dims) {
            java.util.Collections.reverse(dl);
        }
        java.util.Collections.reverse(spatial);
        java.util.Collections.reverse(local);
    }

    RegisterLayout build() {
        int[] newId = new int[sizes.size()];
        java.util.Arrays.fill(newId, -1);
        List<Integer> ms = new ArrayList<>();
        int[] counts = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            for (int id : dims.get(d)) {
                newId[id] = ms.size();
                ms.add(sizes.get(id));
            }
            counts[d] = dims.get(d).size();
        }
        int[] sp = new int[spatial.size()];
        for (int i = 0; i < sp.length; i++) {
            int e = spatial.get(i);
            sp[i] = e < 0 ? e : renumbered(newId, e);
        }
        int[] lo = new int[local.size()];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = renumbered(newId, local.get(i));
        }
        return new RegisterLayout(shape, ms.stream().mapToInt(Integer::intValue).toArray(), counts, sp, lo);
    }

    private static int renumbered(int[] newId, int id) {
        if (id >= newId.length || newId[id] < 0) {
            throw new IllegalStateException("list entry refers to a mode that is in no dimension: " + id);
        }
        return newId[id];
    }
}
