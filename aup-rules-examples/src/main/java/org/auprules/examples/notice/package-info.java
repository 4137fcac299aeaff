/**
 * Customer notices: what a host writes to an account holder about the clauses the account broke,
 * rendered from the policy pack's Mustache templates with only the fields the pack's
 * {@code notices/masking.json} lets a customer see.
 */
@NullMarked
package org.auprules.examples.notice;

import org.jspecify.annotations.NullMarked;
