package com.smartlinkauto.servicedefaults;

import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** Thread factories for a service's own pools. */
public final class Threads {

    private Threads() {
    }

    /** Daemon threads named {@code <prefix>1}, {@code <prefix>2}, … (Spring's {@link CustomizableThreadFactory}). */
    public static ThreadFactory daemon(String prefix) {
        CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
        factory.setDaemon(true);
        return factory;
    }
}
