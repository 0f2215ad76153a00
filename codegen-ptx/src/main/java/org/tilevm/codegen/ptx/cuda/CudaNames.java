package org.tilevm.codegen.ptx.cuda;

import java.util.Set;

/**
 * C identifiers for TIR names. Names from the lowering are usually valid C already; anything else
 * (a C++ keyword, an invalid character, a name that could collide with the printer's own
 * {@code tv_} helpers or the {@code smem} array) is rewritten deterministically, so every use of a
 * name maps to the same identifier.
 */
final class CudaNames {
    private CudaNames() {}

    private static final Set<String> RESERVED = Set.of(
            "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class", "const",
            "constexpr", "continue", "default", "delete", "do", "double", "else", "enum", "explicit", "export",
            "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable",
            "namespace", "new", "not", "nullptr", "operator", "or", "private", "protected", "public", "register",
            "return", "short", "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw",
            "true", "try", "typedef", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
            "while", "xor", "smem", "threadIdx", "blockIdx", "blockDim", "gridDim", "warpSize", "printf",
            "min", "max", "exp", "log", "sqrt", "main");

    /** The C identifier for a TIR variable, array, parameter or kernel name. */
    static String of(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c < 128 && Character.isLetterOrDigit(c));
            sb.append(ok ? c : '_');
        }
        String s = sb.toString();
        if (s.isEmpty() || Character.isDigit(s.charAt(0)) || RESERVED.contains(s) || s.startsWith("tv_")
                || s.startsWith("__") || !s.equals(name)) {
            return "v_" + s;
        }
        return s;
    }
}
