package org.auprules.api.policy;

/** Whether the policy's text makes an action mandatory or discretionary. */
public enum Modality {
    /** The text says the company <em>will</em>: mandatory. */
    WILL,
    /** The text says the company <em>may</em>: discretionary. */
    MAY,
    /**
     * Discretionary, and the pack's escalation table advises it: a repeat offence makes the desk
     * recommend what the text only allows.
     */
    RECOMMENDED
}
