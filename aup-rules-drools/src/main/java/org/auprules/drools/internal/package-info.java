/**
 * The engine's internals: compiling and sandboxing packs, reading their DRL and tables, checking
 * facts. Not API: anything here may change in any release.
 */
@NullMarked
package org.auprules.drools.internal;

import org.jspecify.annotations.NullMarked;
