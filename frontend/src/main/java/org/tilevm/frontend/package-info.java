/**
 * The TileVM frontend: the ways people write programs. Programs are values of the IR in
 * {@code org.tilevm.spec.ir}; this module builds them from Java (the authoring DSL in
 * {@link org.tilevm.frontend.dsl}) and, later, from the text syntax, and hands them to a backend.
 * Nothing here defines semantics: the verifier and the reference interpreter in {@code vm-spec}
 * do.
 */
package org.tilevm.frontend;
