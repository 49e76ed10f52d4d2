package com.smartlinkauto.servicedefaults.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;

import io.lettuce.core.resource.ClientResources;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Lettuce client's timer wheel with a coarser tick than Lettuce's own (Netty's default, 100 ms). The wheel's
 * thread wakes up every tick for as long as the client lives, busy or idle: ten times a second in every service
 * that talks to Redis, ~0.1 % of a core each on an idle platform (bench/idle.sh). The wheel only times commands out
 * ({@code spring.data.redis.timeout}, 2 s here) and schedules reconnects, so a command that hangs fails at most one
 * tick late. Lettuce does not stop a timer it was given: this bean stops it when the context closes, after the
 * client resources it was built into (they are created after it, so destroyed before it).
 */
public final class LettuceTimer implements ClientResourcesBuilderCustomizer, DisposableBean {

    private final HashedWheelTimer timer;

    public LettuceTimer(Duration tick) {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("smartlink.redis.timer-tick must be positive: " + tick);
        }
        this.timer = new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true), tick.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void customize(ClientResources.Builder builder) {
        builder.timer(timer);
    }

    /** The wheel handed to Lettuce. */
    public Timer timer() {
        return timer;
    }

    @Override
    public void destroy() {
        timer.stop();
    }
}
