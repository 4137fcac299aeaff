package org.auprules.api.facts;

/**
 * Outbound network activity of an account in one observation window.
 *
 * @param id                           optional id
 * @param accountId                    the account (required)
 * @param windowSeconds                the length of the window
 * @param distinctDestinations         distinct destination addresses contacted
 * @param distinctDestinationPorts     distinct destination ports contacted
 * @param peakPacketsPerSecond         the peak outbound packet rate
 * @param targetsCompanyInfrastructure whether the traffic was aimed at the company's own servers
 */
public record NetworkActivity(String id, String accountId, long windowSeconds, long distinctDestinations,
                              long distinctDestinationPorts, long peakPacketsPerSecond,
                              boolean targetsCompanyInfrastructure) implements AccountFact {

    @Override
    public String evidenceType() {
        return "networkActivity";
    }

    @Override
    public NetworkActivity withId(String newId) {
        return new NetworkActivity(newId, accountId, windowSeconds, distinctDestinations, distinctDestinationPorts,
                peakPacketsPerSecond, targetsCompanyInfrastructure);
    }
}
