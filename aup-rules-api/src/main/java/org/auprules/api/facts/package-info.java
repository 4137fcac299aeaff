/** The facts about customer accounts that a policy judges; records that mirror the JSON contract one to one. */
@NullMarked
package org.auprules.api.facts;

import org.jspecify.annotations.NullMarked;
