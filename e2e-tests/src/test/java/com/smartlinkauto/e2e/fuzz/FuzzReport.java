package com.smartlinkauto.e2e.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.smartlinkauto.e2e.Platform;
import com.smartlinkauto.e2e.fuzz.Finding.Kind;

/** The run as Markdown: numbers, findings grouped by service and endpoint (each with a curl line), notes. */
final class FuzzReport {

    private FuzzReport() {
    }

    static String summary(Fuzzer fuzzer, int planned, int operations, List<String> services, long seconds) {
        Map<Kind, Long> byKind = byKind(new ArrayList<>(fuzzer.findings));
        StringBuilder out = new StringBuilder();
        out.append("API fuzz through ").append(Platform.GATEWAY).append(": ").append(operations).append(" operations of ")
                .append(services).append("; ").append(fuzzer.sent.get()).append(" requests sent (").append(planned)
                .append(" planned, ").append(fuzzer.retried429.get()).append(" re-sent after 429) in ").append(seconds)
                .append(" s; answers ").append(new TreeMap<>(fuzzer.statusCounts)).append("\n");
        out.append("skipped: ").append(fuzzer.skippedTime.get()).append(" past the time budget, ")
                .append(fuzzer.skippedLogin.get()).append(" logins past the failure budget (")
                .append(fuzzer.loginFailures()).append(" failed logins caused), ")
                .append(fuzzer.skippedDown.values().stream().mapToInt(a -> a.get()).sum())
                .append(" for services that were down ").append(fuzzer.skippedDown).append("; ")
                .append(fuzzer.droppedLarge.get()).append(" oversized requests dropped by the server without an answer\n");
        out.append("findings: ").append(fuzzer.findings.size());
        byKind.forEach((kind, count) -> out.append(", ").append(kind.name()).append(' ').append(count));
        out.append('\n');
        return out.toString();
    }

    static Map<Kind, Long> byKind(List<Finding> findings) {
        Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
        findings.forEach(f -> byKind.merge(f.kind(), 1L, Long::sum));
        return byKind;
    }

    static void write(Path file, String summary, Fuzzer fuzzer, List<String> notes) {
        List<Finding> findings = new ArrayList<>(fuzzer.findings);
        findings.sort(Comparator.comparing(Finding::service).thenComparing(Finding::endpoint)
                .thenComparing(Finding::kind).thenComparing(Finding::field).thenComparing(f -> f.role().ordinal()));
        StringBuilder out = new StringBuilder();
        out.append("# API fuzz findings\n\n").append("Run ").append(Instant.now()).append(" by `ApiFuzzE2EIT` (e2e-tests).\n\n```\n")
                .append(summary).append("```\n\n");
        out.append("Tokens in the curl lines: `$ADMIN_TOKEN`, `$RENTER_TOKEN`, `$PARTNER_PENDING_TOKEN`, `$PARTNER_VERIFIED_TOKEN` ")
                .append("(an access token of such an account, from `POST /api/auth/login`). Runs of one character longer than 60 ")
                .append("are written `<n × \"c\">`.\n\n");
        out.append("## Findings by kind\n\n| kind | count | endpoints |\n|---|---|---|\n");
        for (Map.Entry<Kind, Long> kind : byKind(findings).entrySet()) {
            long endpoints = findings.stream().filter(f -> f.kind() == kind.getKey()).map(f -> f.service() + f.endpoint())
                    .distinct().count();
            out.append("| ").append(kind.getKey().name()).append(" (").append(kind.getKey().description).append(") | ")
                    .append(kind.getValue()).append(" | ").append(endpoints).append(" |\n");
        }
        Map<String, Map<String, List<Finding>>> grouped = findings.stream().collect(Collectors.groupingBy(Finding::service,
                TreeMap::new, Collectors.groupingBy(Finding::endpoint, TreeMap::new, Collectors.toList())));
        for (Map.Entry<String, Map<String, List<Finding>>> service : grouped.entrySet()) {
            out.append("\n## ").append(service.getKey()).append("\n");
            for (Map.Entry<String, List<Finding>> endpoint : service.getValue().entrySet()) {
                out.append("\n### ").append(endpoint.getKey()).append(" (").append(endpoint.getValue().size()).append(")\n\n");
                for (Finding finding : endpoint.getValue()) {
                    out.append("- ").append(finding.line().replace("\n", " ")).append("\n");
                    if (!finding.repro().isEmpty()) {
                        out.append("  `").append(finding.repro().replace("`", "\\`")).append("`\n");
                    }
                }
            }
        }
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n\n");
            notes.forEach(note -> out.append("- ").append(note.replace("\n", " ")).append("\n"));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out.toString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The assertion message: the summary and the first findings, one line each. */
    static String failure(String summary, Fuzzer fuzzer, Path report) {
        List<Finding> findings = new ArrayList<>(fuzzer.findings);
        findings.sort(Comparator.comparing(Finding::kind).thenComparing(Finding::service).thenComparing(Finding::endpoint));
        StringBuilder out = new StringBuilder("\n").append(summary).append("all findings with curl lines: ")
                .append(report.toAbsolutePath()).append("\n");
        findings.stream().limit(150).forEach(f -> out.append(f.service()).append(' ').append(f.line()).append('\n'));
        if (findings.size() > 150) {
            out.append("… and ").append(findings.size() - 150).append(" more\n");
        }
        return out.toString();
    }
}
