package org.auprules.api.policy;

/** The part of the policy a violation breaks. */
public enum Category {
    /** 1.A, CAN-SPAM Act violations. */
    SPAM,
    /** 1.B, intellectual property violations. */
    INTELLECTUAL_PROPERTY,
    /** 1.C, export violations. */
    EXPORT_CONTROL,
    /** 1.D, violations of other laws. */
    OTHER_LAW,
    /** Section 2, prohibited scripts and content. */
    PROHIBITED_CONTENT,
    /** Section 3, prohibited actions. */
    PROHIBITED_ACTION
}
