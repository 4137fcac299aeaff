/**
 * The JSON forms of the contract: reading facts documents, writing them, and writing results.
 */
@NullMarked
package org.auprules.json;

import org.jspecify.annotations.NullMarked;
