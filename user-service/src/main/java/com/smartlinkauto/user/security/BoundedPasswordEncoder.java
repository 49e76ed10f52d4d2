package com.smartlinkauto.user.security;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.smartlinkauto.servicedefaults.Threads;

/**
 * Runs the (deliberately slow, CPU-bound) password hashing on a few platform threads, one per core.
 * A burst of sign-ups or logins then queues for the hasher in arrival order while the request threads
 * wait parked; without it, on virtual threads, hundreds of hashes occupy every carrier thread and the
 * requests that already hold a database connection cannot run again to release it, so the pool starves
 * (measured: 38% of 1,000 concurrent sign-ups failed with connection time-outs).
 */
class BoundedPasswordEncoder implements PasswordEncoder, DisposableBean {

    private final PasswordEncoder delegate;
    private final ExecutorService hashers;

    BoundedPasswordEncoder(PasswordEncoder delegate, int threads) {
        this.delegate = delegate;
        this.hashers = Executors.newFixedThreadPool(threads, Threads.daemon("password-hasher-"));
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return onHasher(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return onHasher(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T onHasher(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, hashers).join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw ex;
        }
    }

    @Override
    public void destroy() {
        hashers.shutdownNow();
    }
}
