package com.smartlinkauto.servicedefaults.servicetoken;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own rules for its service-token paths, applied before the default (any service token for this
 * audience): e.g. the storage controller lets only {@code storage-node-service} post heartbeats.
 *
 * <pre>
 * &#64;Bean
 * ServiceAccessRules nodeReportsOnlyFromNodes() {
 *     return rules -&gt; rules.requestMatchers("/internal/storage/nodes/**")
 *             .hasAuthority(ServiceTokenVerifier.client("storage-node-service"));
 * }
 * </pre>
 */
@FunctionalInterface
public interface ServiceAccessRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
