#!/usr/bin/env python3
"""Helpers of bench/storage.sh: JSON, polling and timing against 127.0.0.1 only (standard library only).

    bench.py free-port
    bench.py login <gateway> <header-file>                  admin login -> "Authorization: Bearer ..." (mode 600)
    bench.py service-token <user-service> <client> <audience> <header-file>
                                                            a service token (client secret from .smartlink/secrets.env)
    bench.py raw-issuer <dir> <header-file>                 a throw-away RS256 key (openssl): <dir>/jwks.json and a
                                                            service token for storage-node-service signed with it
    bench.py nodes <controller> <header-file>               one line per node: id state admin used replicas bytes url
    bench.py wait-live <controller> <header-file> <n> <s>   until n nodes are LIVE and ACTIVE
    bench.py manifest <file> <sha256> <replication>         check an upload's manifest; print fileId and chunk count
    bench.py victim <manifest-file>                          the node holding most of the file's replicas
    bench.py wait-replicated <controller> <header-file> <fileId> <r> <s>
    bench.py restore <controller> <header-file> <fileId> <r> <victim> <pid> <dead-timeout> <repair-timeout>
    bench.py used <controller> <header-file>                 bytes used on all nodes (their last heartbeats)
    bench.py stats <controller> <header-file>                files, logical bytes, under-replicated chunks
    bench.py wait-used <controller> <header-file> <max-bytes> <s>

Every HTTP call has a timeout; every wait has a deadline (exit 1 when it passes).
"""
import base64
import json
import os
import subprocess
import uuid
import signal
import socket
import sys
import time
import urllib.error
import urllib.request


def die(message):
    print(f"bench.py: {message}", file=sys.stderr)
    sys.exit(1)


def header(path):
    with open(path, encoding="utf-8") as f:
        name, _, value = f.read().strip().partition(": ")
    return {name: value}


def get_json(url, header_file, timeout=10):
    request = urllib.request.Request(url, headers={**header(header_file), "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def nodes(controller, header_file):
    return get_json(f"{controller}/api/storage/nodes", header_file)


def cmd_free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def cmd_login(gateway, header_file):
    email = os.environ.get("SMARTLINK_ADMIN_EMAIL")
    password = os.environ.get("SMARTLINK_ADMIN_PASSWORD")
    if not (email and password):
        values = {}
        try:
            with open(".smartlink/admin.txt", encoding="utf-8") as f:
                for line in f:
                    key, sep, value = line.rstrip("\n").partition("=")
                    if sep:
                        values[key.strip()] = value.strip()
        except OSError as ex:
            die(f"no admin login: {ex} (./smartlink up writes .smartlink/admin.txt)")
        email, password = values.get("email"), values.get("password")
    if not (email and password):
        die(".smartlink/admin.txt needs email= and password=")
    body = json.dumps({"email": email, "password": password}).encode()
    request = urllib.request.Request(f"{gateway}/api/auth/login", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            token = json.load(response)["accessToken"]
    except urllib.error.HTTPError as ex:
        die(f"admin login answered {ex.code}: {ex.read()[:300]!r}")
    write_header(header_file, token)


def write_header(header_file, token):
    fd = os.open(header_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(f"Authorization: Bearer {token}\n")


def cmd_service_token(user_service, client, audience, header_file):
    """Client credentials at user-service's POST /oauth2/token, as the platform's services get them."""
    key = "SERVICE_SECRET_" + client.upper().replace("-", "_")
    secret = None
    try:
        with open(".smartlink/secrets.env", encoding="utf-8") as f:
            for line in f:
                name, sep, value = line.rstrip("\n").partition("=")
                if sep and name == key:
                    secret = value.strip()
    except OSError as ex:
        die(f"no client secret: {ex}")
    if not secret:
        die(f".smartlink/secrets.env has no {key}")
    basic = base64.b64encode(f"{client}:{secret}".encode()).decode()
    body = f"grant_type=client_credentials&audience={audience}".encode()
    request = urllib.request.Request(f"{user_service}/oauth2/token", data=body, method="POST", headers={
        "Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            write_header(header_file, json.load(response)["access_token"])
    except urllib.error.HTTPError as ex:
        die(f"token request answered {ex.code}: {ex.read()[:300]!r}")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def cmd_raw_issuer(directory, header_file):
    """The raw node of phase a runs without the platform: it trusts this key set instead of user-service's."""
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key],
                   check=True, capture_output=True)
    os.chmod(key, 0o600)
    modulus = subprocess.run(["openssl", "rsa", "-in", key, "-noout", "-modulus"], check=True,
                             capture_output=True, text=True).stdout.strip().split("=", 1)[1]
    jwk = {"kty": "RSA", "kid": "bench", "use": "sig", "alg": "RS256", "e": "AQAB",
           "n": b64url(bytes.fromhex(modulus))}
    with open(os.path.join(directory, "jwks.json"), "w", encoding="utf-8") as f:
        json.dump({"keys": [jwk]}, f)
    now = int(time.time())
    head = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "bench"}).encode())
    claims = b64url(json.dumps({"iss": "smartlink-user-service", "sub": "storage-controller-service",
                                "aud": ["storage-node-service"], "scope": "internal", "jti": str(uuid.uuid4()),
                                "iat": now, "exp": now + 6 * 3600}).encode())
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=f"{head}.{claims}".encode(),
                               check=True, capture_output=True).stdout
    write_header(header_file, f"{head}.{claims}.{b64url(signature)}")


def cmd_nodes(controller, header_file):
    for n in nodes(controller, header_file):
        print(n["nodeId"], n.get("zone", "-"), n["state"], n.get("adminState", "-"), n.get("usedBytes", 0),
              n.get("replicas", 0), n.get("replicaBytes", 0), n.get("baseUrl", "-"))


def cmd_wait_live(controller, header_file, count, seconds):
    deadline = time.monotonic() + float(seconds)
    seen = []
    while time.monotonic() < deadline:
        try:
            seen = [n["nodeId"] for n in nodes(controller, header_file)
                    if n["state"] == "LIVE" and n.get("adminState", "ACTIVE") == "ACTIVE"]
            if len(seen) >= int(count):
                print(" ".join(sorted(seen)))
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    die(f"only {len(seen)} live node(s) after {seconds}s ({' '.join(seen)}), wanted {count}")


def cmd_manifest(path, sha256, replication):
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    problems = []
    if m.get("sha256") != sha256:
        problems.append(f"sha256 {m.get('sha256')} != {sha256}")
    if m.get("status") != "AVAILABLE":
        problems.append(f"status {m.get('status')}")
    if m.get("warnings"):
        problems.append(f"warnings {m['warnings']}")
    for chunk in m.get("chunks", []):
        replicas = chunk.get("replicas", [])
        if len(set(replicas)) != len(replicas) or len(replicas) < 1:
            problems.append(f"chunk {chunk.get('index')} replicas {replicas}")
            break
    if problems:
        die("manifest: " + "; ".join(problems))
    short = sum(1 for c in m["chunks"] if len(c.get("replicas", [])) < int(replication))
    print(m["fileId"], len(m["chunks"]), short)


def cmd_victim(path):
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
    counts = {}
    for chunk in m["chunks"]:
        for node in chunk.get("replicas", []):
            counts[node] = counts.get(node, 0) + 1
    node, held = max(sorted(counts.items()), key=lambda kv: kv[1])
    print(node, held, len(m["chunks"]))


def under_replicated(controller, header_file, file_id, replication, live):
    m = get_json(f"{controller}/api/storage/files/{file_id}/manifest", header_file, timeout=30)
    short = 0
    for chunk in m["chunks"]:
        done = {c["nodeId"] for c in chunk.get("copies", []) if c.get("status") == "COMPLETED" and c["nodeId"] in live}
        if len(done) < replication:
            short += 1
    return short, len(m["chunks"])


def live_nodes(controller, header_file):
    return {n["nodeId"] for n in nodes(controller, header_file)
            if n["state"] == "LIVE" and n.get("adminState", "ACTIVE") == "ACTIVE"}


def cmd_wait_replicated(controller, header_file, file_id, replication, seconds):
    deadline = time.monotonic() + float(seconds)
    short = total = -1
    while time.monotonic() < deadline:
        short, total = under_replicated(controller, header_file, file_id, int(replication),
                                        live_nodes(controller, header_file))
        if short == 0:
            return
        time.sleep(0.5)
    die(f"{short} of {total} chunks still below {replication} copies after {seconds}s")


def stats(controller, header_file):
    return get_json(f"{controller}/api/storage/stats", header_file, timeout=30)


def cmd_stats(controller, header_file):
    st = stats(controller, header_file)
    print(st.get("files", 0), st.get("logicalBytes", 0), st.get("underReplicatedChunks", 0))


def cmd_restore(controller, header_file, file_id, replication, victim, pid, dead_timeout, repair_timeout):
    """Kill -9 the node, then: when is it declared DEAD, when is every chunk of the file back to r COMPLETED
    copies on live nodes, and when has the repair job finished for every file (GET /api/storage/stats: no chunk
    under-replicated any more, or, when some cannot be restored with the nodes left, no copy in flight and
    nothing stored for 10 s); how many bytes it copied in all (storedBytes after - at DEAD)."""
    replication, pid = int(replication), int(pid)
    under_before = int(stats(controller, header_file)["underReplicatedChunks"])
    t_kill = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    print(f"  killed {victim} (pid {pid}) with SIGKILL", flush=True)
    t_dead = None
    dead_at = None
    deadline = t_kill + float(dead_timeout)
    while time.monotonic() < deadline:
        try:
            for n in nodes(controller, header_file):
                if n["nodeId"] == victim and n["state"] == "DEAD":
                    t_dead = time.monotonic()
                    dead_at = n.get("stateChangedAt")
        except (OSError, ValueError):
            pass
        if t_dead:
            break
        time.sleep(0.1)
    if not t_dead:
        die(f"{victim} not declared DEAD within {dead_timeout}s of the kill")
    at_dead = stats(controller, header_file)
    stored0 = stored = int(at_dead["storedBytes"])
    under = int(at_dead["underReplicatedChunks"])
    print(f"  {victim} declared DEAD {t_dead - t_kill:.1f}s after the kill (controller: stateChangedAt {dead_at}); "
          f"{under} chunks of all files under-replicated", flush=True)
    deadline = t_dead + float(repair_timeout)
    live = live_nodes(controller, header_file) - {victim}
    last_live = last_stats = last_print = 0.0
    t_file = t_all = None
    t_stored = t_dead           # when storedBytes last grew
    short = total = -1
    stuck = 0
    while time.monotonic() < deadline:
        now = time.monotonic()
        try:
            if now - last_live >= 1.0:
                live = live_nodes(controller, header_file) - {victim}
                last_live = now
            if t_file is None:
                short, total = under_replicated(controller, header_file, file_id, replication, live)
                if short == 0:
                    t_file = time.monotonic()
                    print(f"  +{t_file - t_dead:5.1f}s after DEAD: every chunk of the file back to {replication} "
                          f"COMPLETED copies on live nodes ({', '.join(sorted(live))})", flush=True)
            if t_all is None and now - last_stats >= 0.5:
                st = stats(controller, header_file)
                last_stats = now
                if int(st["storedBytes"]) > stored:
                    stored, t_stored = int(st["storedBytes"]), now
                under, in_flight = int(st["underReplicatedChunks"]), int(st["copiesInFlight"])
                if under <= under_before:
                    t_all = t_stored
                elif in_flight == 0 and now - t_stored >= 10:
                    t_all, stuck = t_stored, under - under_before
                if t_all is not None:
                    note = f"; {stuck} chunks cannot be restored with the nodes left" if stuck else ""
                    print(f"  +{t_all - t_dead:5.1f}s after DEAD: the repair is done for every file, "
                          f"{(stored - stored0) / 1048576:.0f} MiB copied{note}", flush=True)
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
            continue
        if t_file is not None and t_all is not None:
            break
        if now - last_print >= 5.0:
            print(f"  +{now - t_dead:5.1f}s after DEAD: file {short if t_file is None else 0} of {total} chunks "
                  f"below {replication} copies; all files: {under} chunks under-replicated, "
                  f"{(stored - stored0) / 1048576:.0f} MiB copied", flush=True)
            last_print = now
        time.sleep(0.1)
    if t_file is None:
        die(f"{short} of {total} chunks still below {replication} copies {repair_timeout}s after {victim} was declared dead")
    all_done = f"{t_all - t_dead:.2f}" if t_all is not None else "-"
    print(f"RESULT kill_to_dead={t_dead - t_kill:.2f} dead_to_replicated={t_file - t_dead:.2f} "
          f"kill_to_replicated={t_file - t_kill:.2f} dead_to_all_replicated={all_done} "
          f"all_copied_bytes={stored - stored0} unrestorable_chunks={stuck} chunks={total}")


def cmd_used(controller, header_file):
    print(sum(int(n.get("usedBytes", 0)) for n in nodes(controller, header_file) if n["state"] != "DEAD"))


def cmd_wait_used(controller, header_file, max_bytes, seconds):
    deadline = time.monotonic() + float(seconds)
    used = -1
    while time.monotonic() < deadline:
        try:
            used = sum(int(n.get("usedBytes", 0)) for n in nodes(controller, header_file) if n["state"] != "DEAD")
            if used <= int(max_bytes):
                print(used)
                return
        except (OSError, ValueError):
            pass
        time.sleep(1)
    print(used)
    sys.exit(1)


COMMANDS = {
    "free-port": cmd_free_port, "login": cmd_login, "service-token": cmd_service_token,
    "raw-issuer": cmd_raw_issuer, "nodes": cmd_nodes, "wait-live": cmd_wait_live,
    "manifest": cmd_manifest, "victim": cmd_victim, "wait-replicated": cmd_wait_replicated,
    "restore": cmd_restore, "used": cmd_used, "wait-used": cmd_wait_used, "stats": cmd_stats,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        die(__doc__)
    try:
        COMMANDS[sys.argv[1]](*sys.argv[2:])
    except TypeError as ex:
        die(f"{sys.argv[1]}: {ex}")
    except urllib.error.HTTPError as ex:
        die(f"{ex.url}: HTTP {ex.code} {ex.read()[:300]!r}")
    except urllib.error.URLError as ex:
        die(f"{ex}")
