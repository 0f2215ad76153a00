package org.tilevm.codegen.ptx.tir;

import java.util.List;
import java.util.Optional;
import org.tilevm.spec.dtype.DType;
import org.tilevm.spec.dtype.DTypes;

/**
 * The {@code mma.sync} forms a thread-level program may use, as data: for each shape, the input
 * and accumulator dtypes it accepts and how many 32-bit words of the A, B and C/D arrays each
 * lane's fragment occupies (PTX ISA, "Matrix fragments for mma.m16n8k*"). The verifier checks
 * {@link TStmt.Mma} against this table, the printers use it to show the word ranges.
 *
 * @param shape   the shape
 * @param abTypes the input dtypes (A and B have the same one)
 * @param cType   the accumulator dtype (C and D)
 * @param aWords  words of the A fragment
 * @param bWords  words of the B fragment
 * @param cWords  words of the C and D fragments
 */
public record MmaForm(TStmt.MmaShape shape, List<DType> abTypes, DType cType, int aWords, int bWords, int cWords) {

    /** Every accepted form. */
    public static final List<MmaForm> ALL = List.of(
            new MmaForm(TStmt.MmaShape.M16N8K16, List.of(DTypes.F16, DTypes.BF16), DTypes.F32, 4, 2, 4),
            new MmaForm(TStmt.MmaShape.M16N8K8, List.of(DTypes.F16, DTypes.BF16), DTypes.F32, 2, 1, 4),
            new MmaForm(TStmt.MmaShape.M16N8K32, List.of(DTypes.I8, DTypes.U8), DTypes.I32, 4, 2, 4));

    public MmaForm {
        abTypes = List.copyOf(abTypes);
    }

    /** The form of {@code shape} with these dtypes, if it is one of {@link #ALL}. */
    public static Optional<MmaForm> find(TStmt.MmaShape shape, DType abType, DType cType) {
        return ALL.stream().filter(f -> f.shape == shape && f.abTypes.contains(abType) && f.cType.equals(cType))
                .findFirst();
    }

    /** The form listed for {@code shape} (each shape has one row). */
    public static Optional<MmaForm> of(TStmt.MmaShape shape) {
        return ALL.stream().filter(f -> f.shape == shape).findFirst();
    }

    /** How messages describe the accepted dtypes: {@code f16/bf16 inputs with f32 accumulators}. */
    public String describeTypes() {
        String ab = String.join("/", abTypes.stream().map(DType::name).toList());
        return ab + " inputs with " + cType.name() + " accumulators";
    }
}
