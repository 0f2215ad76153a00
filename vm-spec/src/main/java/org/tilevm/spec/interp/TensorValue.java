package org.tilevm.spec.interp;

import org.tilevm.spec.ir.TensorVar;

/** The value bound to a tensor name in a block: a register, shared or global tensor. */
sealed interface TensorValue permits RegisterValue, SharedValue, GlobalValue {
    /** The tensor as it was defined (name and type). */
    TensorVar var();

    /** "register", "shared" or "global". */
    String kind();
}
