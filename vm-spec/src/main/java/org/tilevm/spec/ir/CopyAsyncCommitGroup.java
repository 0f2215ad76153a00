package org.tilevm.spec.ir;

/** Closes the current group of asynchronous copies. */
public record CopyAsyncCommitGroup() implements Instruction {
    public String opName() { return "copy_async_commit_group"; }
}
