package org.tilevm.spec.ir;

import java.util.List;
import java.util.Optional;

/**
 * A TileVM program: the code of one thread block, launched over a grid of blocks.
 *
 * @param name     kernel name (an identifier)
 * @param params   parameters, in launch order
 * @param grid     1 to 3 expressions over scalar parameters: the number of blocks along x, y, z
 * @param numWarps warps per block; the block has {@code 32 * numWarps} threads, and every
 *                 register layout of the program spans exactly that many threads
 * @param body     the statements of a block
 */
public record Program(String name, List<Param> params, List<Expr> grid, int numWarps, Stmt body) {
    public Program {
        Names.check(name, "program");
        params = List.copyOf(params);
        grid = List.copyOf(grid);
    }

    public int numThreads() { return 32 * numWarps; }

    public Optional<Param> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
