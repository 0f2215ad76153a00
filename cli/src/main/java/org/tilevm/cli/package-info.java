/**
 * The TileVM command line behind {@code ./tilevm}: {@code demo}, {@code qmatmul},
 * {@code layout}, {@code dtype}, {@code help}.
 *
 * <p>{@link org.tilevm.cli.Main#run} takes the arguments and two print streams and returns the
 * exit code, so everything runs in-process in tests; only {@code main} calls
 * {@code System.exit}. Each command is one small class implementing
 * {@link org.tilevm.cli.Command}, listed in one table; commands declare their options in an
 * {@link org.tilevm.cli.OptionSpec} and read them through {@link org.tilevm.cli.Options}, which
 * rejects unknown options and bad values. Every failure becomes one line
 * {@code tilevm: <problem>}: exit code 2 for bad input, 1 for internal errors.
 * {@link org.tilevm.cli.Npy} reads and writes NumPy {@code .npy} files (the exchange format of
 * {@code qmatmul}). The normative description is {@code cli/CLI.md}.
 */
package org.tilevm.cli;
