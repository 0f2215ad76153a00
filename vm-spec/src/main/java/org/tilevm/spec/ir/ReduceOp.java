package org.tilevm.spec.ir;

/** Reductions over one dimension of a register tensor. */
public enum ReduceOp { SUM, MAX, MIN }
