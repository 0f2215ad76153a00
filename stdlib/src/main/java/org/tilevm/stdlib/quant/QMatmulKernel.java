package org.tilevm.stdlib.quant;

import org.tilevm.spec.ir.Program;

/** Builds the quantized-matmul kernel program with the frontend DSL. */
final class QMatmulKernel {
    private QMatmulKernel() {}

    static Program build(QMatmulConfig config) {
        throw new UnsupportedOperationException("kernel being written");
    }
}
