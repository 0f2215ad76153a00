package org.tilevm.spec.ir;

/** Block-wide barrier: shared-memory writes before it are visible to every thread after it. */
public record SyncThreads() implements Instruction {
    public String opName() { return "sync"; }
}
