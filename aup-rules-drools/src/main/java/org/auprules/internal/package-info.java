/**
 * Helpers shared by the packages of aup-rules-drools: did-you-mean suggestions, JSON positions,
 * attribution of identifiers to accounts, JSON printing. Not API.
 */
@NullMarked
package org.auprules.internal;

import org.jspecify.annotations.NullMarked;
