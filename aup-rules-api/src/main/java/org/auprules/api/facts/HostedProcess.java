package org.auprules.api.facts;

import java.util.List;
import java.util.Objects;

/**
 * A process running under an account. Named {@code HostedProcess} so that DRL never confuses it
 * with {@code java.lang.Process}.
 *
 * @param id             the process fact id (required)
 * @param accountId      the owning account (required)
 * @param pid            the operating system's process id
 * @param name           the executable's name
 * @param commandLine    the full command line
 * @param cpuPercent     CPU use, in percent of one core
 * @param memoryMb       resident memory
 * @param runtimeSeconds how long it has run
 * @param listeningPorts the TCP/UDP ports it listens on
 */
public record HostedProcess(String id, String accountId, long pid, String name, String commandLine,
                            double cpuPercent, long memoryMb, long runtimeSeconds, List<Integer> listeningPorts)
        implements AccountFact {

    public HostedProcess {
        Objects.requireNonNull(id, "process id must not be null");
        listeningPorts = listeningPorts == null ? List.of() : List.copyOf(listeningPorts);
    }

    @Override
    public String evidenceType() {
        return "process";
    }

    @Override
    public HostedProcess withId(String newId) {
        return new HostedProcess(newId, accountId, pid, name, commandLine, cpuPercent, memoryMb, runtimeSeconds,
                listeningPorts);
    }
}
