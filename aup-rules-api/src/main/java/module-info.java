/** The contract of aup-rules: facts, the clause model, violations and the evaluator interface. */
module org.auprules.api {
    requires static transitive org.jspecify;

    exports org.auprules.api;
    exports org.auprules.api.desk;
    exports org.auprules.api.facts;
    exports org.auprules.api.policy;
}
