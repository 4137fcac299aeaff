/** The clause model: clause ids, verbatim texts, kinds, categories and the actions each authorizes. */
package org.auprules.api.policy;
