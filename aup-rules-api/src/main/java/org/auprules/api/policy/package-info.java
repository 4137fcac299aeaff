/** The clause model: clause ids, verbatim texts, kinds, categories and the actions each authorizes. */
@NullMarked
package org.auprules.api.policy;

import org.jspecify.annotations.NullMarked;
