package org.tilevm.spec.ir;

import java.util.regex.Pattern;

/** Rules for identifiers in programs (parameters, variables, tensors). */
final class Names {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private Names() {}

    static void check(String name, String what) {
        if (name == null || !IDENT.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " name '" + name
                    + "': expected a letter or '_' followed by letters, digits or '_'");
        }
    }
}
