package org.tilevm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tilevm.spec.dtype.DTypes;

class OptionsTest {
    static final OptionSpec SPEC = OptionSpec.builder()
            .positional("FILE", "input", true)
            .positional("MORE", "optional", false)
            .value("--m", "M", "rows")
            .value("--seed", "S", "seed")
            .value("--type", "T", "dtype")
            .flag("--csv", "csv")
            .build();

    static Options parse(String... args) { return Options.parse("cmd", SPEC, List.of(args)); }

    static String error(String... args) {
        return assertThrows(CliException.class, () -> parse(args)).getMessage();
    }

    @Test
    void typedGettersAndDefaults() {
        Options o = parse("f.txt", "--m", "12", "--seed=-5", "--csv", "--type", "i3");
        assertEquals(List.of("f.txt"), o.positionals());
        assertEquals(12, o.positiveInt("--m", 1));
        assertEquals(-5L, o.longValue("--seed", 0));
        assertTrue(o.flag("--csv"));
        assertEquals(DTypes.I3, o.dtype("--type", DTypes.U4));
        assertEquals("x", o.positional(1, "x"));

        Options d = parse("f.txt");
        assertEquals(7, d.integer("--m", 7));
        assertEquals(99L, d.longValue("--seed", 99));
        assertFalse(d.flag("--csv"));
        assertEquals(DTypes.U4, d.dtype("--type", DTypes.U4));
        assertNull(d.string("--m", null));
        assertFalse(d.has("--m"));
    }

    @Test
    void negativeNumbersAreValuesAndDoubleDashEndsOptions() {
        Options o = parse("--seed", "-3", "--", "--csv", "-x");
        assertEquals(-3L, o.longValue("--seed", 0));
        assertEquals(List.of("--csv", "-x"), o.positionals());
        assertFalse(o.flag("--csv"));
        assertEquals(List.of("-7"), parse("-7").positionals());
    }

    @Test
    void problemsNameTheOption() {
        assertEquals("unknown option '--n' for 'cmd' (expected --m, --seed, --type, --csv)", error("f", "--n", "3"));
        assertEquals("unknown option '-x' for 'cmd' (expected --m, --seed, --type, --csv)", error("f", "-x"));
        assertEquals("option --m needs a value: --m M", error("f", "--m"));
        assertEquals("option --m needs a value: --m M", error("f", "--m", "--csv"));
        assertEquals("option --m is given twice", error("f", "--m", "1", "--m=2"));
        assertEquals("option --csv takes no value (got '--csv=yes')", error("f", "--csv=yes"));
        assertTrue(error().startsWith("'cmd' needs FILE (usage: tilevm cmd FILE [MORE] [--m M]"), error());
        assertTrue(error("a", "b", "c").startsWith("unexpected extra argument 'c' for 'cmd'"));
        assertEquals("option --m expects an integer, got 'ten'",
                assertThrows(CliException.class, () -> parse("f", "--m", "ten").integer("--m", 0)).getMessage());
        assertEquals("option --m must be at least 1, got 0",
                assertThrows(CliException.class, () -> parse("f", "--m", "0").positiveInt("--m", 5)).getMessage());
        assertTrue(assertThrows(CliException.class, () -> parse("f", "--type", "u12").dtype("--type", null)).getMessage()
                .startsWith("--type: unknown dtype 'u12'"));
        assertThrows(IllegalStateException.class, () -> parse("f").string("--undeclared", null));
    }

    @Test
    void requiredOptionsMustBeGiven() {
        OptionSpec spec = OptionSpec.builder().required("--out", "F", "output").value("--n", "N", "n").build();
        CliException e = assertThrows(CliException.class, () -> Options.parse("w", spec, List.of("--n", "3")));
        assertEquals("'w' needs option --out F (usage: tilevm w --out F [--n N])", e.getMessage());
        assertEquals("x.npy", Options.parse("w", spec, List.of("--out", "x.npy")).required("--out"));
    }

    @Test
    void synopsisListsPositionalsThenOptions() {
        assertEquals("FILE [MORE] [--m M] [--seed S] [--type T] [--csv]", SPEC.synopsis());
    }
}
