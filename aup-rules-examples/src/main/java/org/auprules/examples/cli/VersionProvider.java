package org.auprules.examples.cli;

import picocli.CommandLine;

/** The version of the tool, from the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = AupRulesCli.class.getPackage().getImplementationVersion();
        return new String[] {"aup-rules " + (v == null ? "(development build)" : v)};
    }
}
