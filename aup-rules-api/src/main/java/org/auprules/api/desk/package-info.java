/**
 * What the abuse desk adds to the facts: the waivers it granted and the findings of earlier runs,
 * which the pack's escalation table counts. docs/abuse-desk.md describes both.
 */
package org.auprules.api.desk;
