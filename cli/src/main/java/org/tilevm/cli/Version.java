package org.tilevm.cli;

/** The version printed by {@code tilevm --version}; kept equal to the Maven project version (a test checks). */
final class Version {
    private Version() {}

    static final String VERSION = "0.1.0-SNAPSHOT";
}
