package org.auprules.api.facts;

/**
 * An account's resource use over one window.
 *
 * @param id            optional id
 * @param accountId     the account (required)
 * @param windowSeconds the length of the window over which the use was sustained
 * @param cpuPercent    CPU use, in percent of one core
 * @param memoryMb      memory in use
 * @param ioMbPerSecond disk I/O rate
 * @param processCount  processes running at once
 * @param inodes        inodes in use
 */
public record ResourceUsage(String id, String accountId, long windowSeconds, double cpuPercent, long memoryMb,
                            double ioMbPerSecond, long processCount, long inodes) implements AccountFact {

    @Override
    public String evidenceType() {
        return "resourceUsage";
    }

    @Override
    public ResourceUsage withId(String newId) {
        return new ResourceUsage(newId, accountId, windowSeconds, cpuPercent, memoryMb, ioMbPerSecond, processCount,
                inodes);
    }
}
