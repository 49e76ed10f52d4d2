package com.smartlinkauto.storage;

/**
 * Published (in-process) by whatever may have left chunks with too few or too many copies: the replication monitor
 * runs a round once the publishing transaction commits, instead of at its next sweep.
 *
 * @param why what changed, for the logs
 */
public record RepairNeeded(String why) {
}
