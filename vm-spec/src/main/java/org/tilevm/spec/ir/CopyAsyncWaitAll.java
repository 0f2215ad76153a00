package org.tilevm.spec.ir;

/** Waits until every asynchronous copy issued so far (committed or not) has completed. */
public record CopyAsyncWaitAll() implements Instruction {
    public String opName() { return "copy_async_wait_all"; }
}
