package org.tilevm.codegen.jvm.runtime;

import org.tilevm.layout.GlobalLayout;

/**
 * A {@code global_view} or {@code allocate_global} of the program, as the launch evaluates it:
 * the tensor's name, its symbolic layout, its dtype and, for a view, the index of its pointer
 * parameter (-1 for a workspace).
 */
public record GlobalSpec(String name, GlobalLayout layout, int bits, String dtypeName, int pointerParam,
                         String pointerName) {
    public boolean isWorkspace() { return pointerParam < 0; }
}
