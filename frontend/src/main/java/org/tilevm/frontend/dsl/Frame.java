package org.tilevm.frontend.dsl;

import java.util.ArrayList;
import java.util.List;
import org.tilevm.spec.ir.Stmt;

/** One open scope of a kernel under construction: the statements emitted into it so far. */
final class Frame {
    final Frame parent;
    final String label;
    final boolean loop;
    final List<Stmt> stmts = new ArrayList<>();
    boolean open = true;

    Frame(Frame parent, String label, boolean loop) {
        this.parent = parent;
        this.label = label;
        this.loop = loop;
    }

    /** The labels from the kernel body down to this scope, e.g. {@code body > for kb > if}. */
    String path() { return parent == null ? label : parent.path() + " > " + label; }

    boolean insideLoop() {
        for (Frame f = this; f != null; f = f.parent) if (f.loop) return true;
        return false;
    }

    Stmt.Seq close() {
        open = false;
        return new Stmt.Seq(stmts);
    }
}
