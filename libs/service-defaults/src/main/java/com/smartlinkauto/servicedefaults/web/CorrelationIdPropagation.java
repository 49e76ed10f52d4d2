package com.smartlinkauto.servicedefaults.web;

import java.io.IOException;

import org.slf4j.MDC;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import com.smartlinkauto.servicedefaults.Correlation;

/** Passes the current request's correlation id on to the services this one calls. */
public class CorrelationIdPropagation implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String id = MDC.get(Correlation.MDC_KEY);
        if (id != null && !request.getHeaders().containsHeader(Correlation.HEADER)) {
            request.getHeaders().set(Correlation.HEADER, id);
        }
        return execution.execute(request, body);
    }
}
