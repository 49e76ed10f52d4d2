package com.smartlinkauto.storagenode.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/**
 * The storage nodes the controller has registered, by base URL: the only places this node sends chunk bytes to
 * (pipeline targets, push targets and relays). The list comes with the controller's heartbeat answers (when it
 * changed) and, when a request names a node not on it, is fetched again at most once a {@code minRefreshGap}
 * (a node that joined since the last heartbeat). Anything else is refused with 403 {@code unregistered-node}:
 * a node is no proxy for requests to arbitrary addresses.
 */
public class RegisteredNodes {

    private static final Logger log = LoggerFactory.getLogger(RegisteredNodes.class);

    public static final URI UNREGISTERED_NODE = ProblemTypes.of("unregistered-node");

    /** A node as the controller lists it. */
    public record Peer(String nodeId, String baseUrl) {
    }

    /** The controller's list and its version (a digest the controller computes; equal versions, equal lists). */
    public record PeerList(String version, List<Peer> peers) {
    }

    /** Fetches the current list from the controller; throws when it cannot. */
    @FunctionalInterface
    public interface Source {

        PeerList fetch();
    }

    private final Source source;
    private final long minRefreshGapNanos;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile String version;
    private volatile Set<URI> urls = Set.of();
    private volatile long lastRefreshAt;

    public RegisteredNodes(Source source, Duration minRefreshGap) {
        this.source = source;
        this.minRefreshGapNanos = minRefreshGap.toNanos();
        this.lastRefreshAt = System.nanoTime() - minRefreshGapNanos;
    }

    /** The version of the list held, null before the first one: sent with heartbeats. */
    public String version() {
        return version;
    }

    /** Takes a list from the controller; base URLs that are not node URLs are skipped. */
    public void update(PeerList list) {
        if (list == null || list.peers() == null) {
            return;
        }
        Set<URI> parsed = new LinkedHashSet<>();
        for (Peer peer : list.peers()) {
            try {
                parsed.add(NodeUrls.parse(peer.baseUrl(), "baseUrl"));
            }
            catch (ApiException | NullPointerException ex) {
                log.debug("Ignoring the controller's entry for {}: not a node URL", peer.nodeId());
            }
        }
        urls = Set.copyOf(parsed);
        version = list.version();
    }

    public boolean isRegistered(URI url) {
        return urls.contains(url);
    }

    /** @throws ApiException 403 {@code unregistered-node} naming the targets the controller does not know */
    public void requireRegistered(Collection<URI> targets) {
        if (targets.isEmpty() || unknown(targets).isEmpty()) {
            return;
        }
        refresh();
        List<String> unknown = unknown(targets);
        if (!unknown.isEmpty()) {
            log.warn("Refused to send a chunk to {}: not registered storage nodes", unknown);
            throw new ApiException(HttpStatus.FORBIDDEN, UNREGISTERED_NODE,
                    "Chunks go only to storage nodes the controller has registered; these are not: " + unknown + ".",
                    Map.of("targets", unknown));
        }
    }

    private List<String> unknown(Collection<URI> targets) {
        Set<URI> known = urls;
        return targets.stream().filter(target -> !known.contains(target)).map(URI::toString).toList();
    }

    /** Fetches the list again unless that was done less than the minimum gap ago (by this caller or another). */
    private void refresh() {
        refreshLock.lock();
        try {
            long now = System.nanoTime();
            if (now - lastRefreshAt < minRefreshGapNanos) {
                return;
            }
            lastRefreshAt = now;
            update(source.fetch());
        }
        catch (RuntimeException ex) {
            log.warn("Could not fetch the registered nodes from the controller: {}", ex.toString());
        }
        finally {
            refreshLock.unlock();
        }
    }
}
