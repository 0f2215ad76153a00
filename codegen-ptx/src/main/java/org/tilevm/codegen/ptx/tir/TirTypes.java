package org.tilevm.codegen.ptx.tir;

import java.util.Locale;

/** The short names of scalar types in the text form and in verifier messages. */
public final class TirTypes {
    private TirTypes() {}

    /** The type's name in the text form and in messages: {@code pred, i32, u32, i64, u64, f32, f64}. */
    public static String name(ScalarType type) {
        return type == null ? "<null>" : type.name().toLowerCase(Locale.ROOT);
    }
}
