#!/usr/bin/env python3
"""Peak RSS of one worker process uploading 1 GiB and 2 GiB files (Drive -> YouTube through the emulator).

Starts its own Google emulator (:18089) and worker (:18091) from the built jars, uses its own database
(vidferry_bench_worker, recreated) and the Kafka broker at $KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092).
A job is queued exactly as api-service does it: a job row plus an upload-job.requested outbox row, which the
worker's outbox relay publishes. RSS is sampled from /proc every 200 ms; VmHWM is the kernel's peak.

Target (issue #4): peak RSS < 300 MiB and flat in file size.

Usage: bench/pipeline/memory.py [--sizes-mib 1024,2048] [--chunk-size 8M]
Build first: ./mvnw -B -q install -DskipTests (or mvn -pl worker-service,google-emulator package).
Env: WORKER_JAVA_OPTS (default: the flags bin/vidferry starts workers with), PGHOST/PGPORT/PGUSER.
"""
import argparse
import base64
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import datetime, timezone

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DB = "vidferry_bench_worker"
EMULATOR_PORT = 18089
WORKER_PORT = 18091
EMULATOR = f"http://127.0.0.1:{EMULATOR_PORT}"
PG = ["psql", "-h", os.environ.get("PGHOST", "127.0.0.1"), "-p", os.environ.get("PGPORT", "5432"),
      "-U", os.environ.get("PGUSER", "postgres"), "-v", "ON_ERROR_STOP=1", "-qAt"]
KAFKA = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
DEFAULT_JAVA_OPTS = "-Xms64m -Xmx384m -XX:TieredStopAtLevel=1"


def sql(statement, db=DB):
    return subprocess.run(PG + ["-d", db, "-c", statement], check=True, capture_output=True, text=True).stdout.strip()


def http(method, path, body=None, expected=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(EMULATOR + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        if response.status not in expected:
            raise RuntimeError(f"{method} {path}: {response.status}")
        text = response.read().decode()
        return json.loads(text) if text else None


def wait_http(url, seconds, process):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {seconds}s")


def proc_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def seal(key, plaintext, owner):
    iv = secrets.token_bytes(12)
    return iv + AESGCM(key).encrypt(iv, plaintext.encode(), owner.encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes-mib", default="1024,2048")
    parser.add_argument("--chunk-size", default="8M")
    args = parser.parse_args()
    sizes = [int(s) * 1024 * 1024 for s in args.sizes_mib.split(",")]

    emulator_jar = os.path.join(ROOT, "google-emulator/target/quarkus-app/quarkus-run.jar")
    worker_jar = os.path.join(ROOT, "worker-service/target/quarkus-app/quarkus-run.jar")
    for jar in (emulator_jar, worker_jar):
        if not os.path.exists(jar):
            sys.exit(f"missing {jar}: build first (./mvnw -B -q install -DskipTests)")

    sql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)', db="postgres")
    sql(f'CREATE DATABASE "{DB}"', db="postgres")
    key = secrets.token_bytes(32)
    logs = os.path.join(ROOT, "bench/pipeline/target")
    os.makedirs(logs, exist_ok=True)
    processes = []
    try:
        emulator = subprocess.Popen(["java", "-Xmx512m", "-jar", emulator_jar, f"--port={EMULATOR_PORT}"],
                                    stdout=open(os.path.join(logs, "emulator.log"), "w"), stderr=subprocess.STDOUT)
        processes.append(emulator)
        wait_http(EMULATOR + "/_emulator/clock", 60, emulator)

        user = http("POST", "/_emulator/users", {"username": "bench"})
        owner = "owner-bench"
        account = str(uuid.uuid4())
        sealed = seal(key, user["refreshToken"], owner)

        java_opts = os.environ.get("WORKER_JAVA_OPTS", DEFAULT_JAVA_OPTS).split()
        print(f"worker {' '.join(java_opts)}, chunk {args.chunk_size}; a fresh worker process per file")
        print(f"{'file':>10} {'seconds':>8} {'MiB/s':>7} {'idle RSS':>9} {'max RSS MiB':>12} {'VmHWM MiB':>10} status")
        for index, size in enumerate(sizes):
            env = dict(os.environ,
                       QUARKUS_HTTP_PORT=str(WORKER_PORT),
                       QUARKUS_DATASOURCE_REACTIVE_URL=f"postgresql://127.0.0.1:5432/{DB}",
                       QUARKUS_DATASOURCE_JDBC_URL=f"jdbc:postgresql://127.0.0.1:5432/{DB}",
                       QUARKUS_FLYWAY_MIGRATE_AT_START="true", QUARKUS_FLYWAY_VALIDATE_AT_START="false",
                       KAFKA_BOOTSTRAP_SERVERS=KAFKA,
                       MP_MESSAGING_INCOMING_JOB_REQUESTS_GROUP_ID=f"vidferry-bench-{uuid.uuid4()}",
                       MP_MESSAGING_INCOMING_JOB_REQUESTS_AUTO_OFFSET_RESET="latest",
                       VIDFERRY_GOOGLE_DRIVE_ROOT_URL=EMULATOR + "/", VIDFERRY_GOOGLE_YOUTUBE_ROOT_URL=EMULATOR + "/",
                       VIDFERRY_GOOGLE_TOKEN_URI=EMULATOR + "/token", VIDFERRY_GOOGLE_CLIENT_ID="vidferry",
                       VIDFERRY_GOOGLE_CLIENT_SECRET="vidferry-secret",
                       VIDFERRY_CRYPTO_ACTIVE_KEY_ID="bench",
                       VIDFERRY_CRYPTO_KEYS_BENCH=base64.b64encode(key).decode(),
                       VIDFERRY_WORKER_CHUNK_SIZE=args.chunk_size)
            worker = subprocess.Popen(["java"] + java_opts + ["-jar", worker_jar], env=env,
                                      cwd=os.path.join(ROOT, "worker-service"),
                                      stdout=open(os.path.join(logs, f"worker-{index}.log"), "w"),
                                      stderr=subprocess.STDOUT)
            processes.append(worker)
            wait_http(f"http://127.0.0.1:{WORKER_PORT}/q/health/ready", 120, worker)
            time.sleep(3)  # let the consumer join its group (it starts at the latest offsets)
            idle_rss = proc_kib(worker.pid, "VmRSS")
            if index == 0:  # the worker's Flyway has created the schema by now
                sql(f"INSERT INTO google_account (id, owner_id, project_id, key_id, refresh_token_ciphertext) VALUES "
                    f"('{account}', '{owner}', 'vidferry', 'bench', '\\x{sealed.hex()}')")

            files = http("POST", "/_emulator/files", {"owner": "bench", "name": f"bench-{index}.mp4", "size": size,
                                                      "seed": 1000 + index, "mimeType": "video/mp4"})
            file_id = files[0]["id"]
            md5 = next(f["md5"] for f in http("GET", "/_emulator/users/bench/files") if f["id"] == file_id)
            job = str(uuid.uuid4())
            metadata = {"title": f"Bench {size >> 20} MiB", "description": "memory bench", "tags": [],
                        "categoryId": "22", "privacyStatus": "private", "madeForKids": False,
                        "notifySubscribers": False}
            sql(f"INSERT INTO upload_job (id, owner_id, google_account_id, drive_file_id, drive_file_name, "
                f"drive_mime_type, drive_md5, size_bytes, metadata, status) VALUES ('{job}', '{owner}', '{account}', "
                f"'{file_id}', 'bench-{index}.mp4', 'video/mp4', '{md5}', {size}, '{json.dumps(metadata)}', 'pending')")
            now = datetime.now(timezone.utc).isoformat()
            event = str(uuid.uuid4())
            envelope = {"eventId": event, "eventType": "upload-job.requested", "schemaVersion": 1, "jobId": job,
                        "occurredAt": now, "data": {"jobId": job, "ownerId": owner, "driveFileId": file_id,
                                                    "fileName": f"bench-{index}.mp4", "mimeType": "video/mp4",
                                                    "sizeBytes": size, "md5Checksum": md5, "metadata": metadata,
                                                    "attempt": 0, "reason": "created"}}
            sql(f"INSERT INTO job_outbox (event_id, aggregate_id, topic, event_type, payload) VALUES ('{event}', "
                f"'{job}', 'upload-job.requested', 'upload-job.requested', '{json.dumps(envelope)}')")
            started = time.time()
            max_rss = 0
            status = "pending"
            while time.time() - started < 1800:
                max_rss = max(max_rss, proc_kib(worker.pid, "VmRSS"))
                status = sql(f"SELECT status FROM upload_job WHERE id = '{job}'")
                if status in ("completed", "failed", "cancelled", "deferred"):
                    break
                time.sleep(0.2)
            seconds = time.time() - started
            hwm = proc_kib(worker.pid, "VmHWM")
            print(f"{size >> 20:>6} MiB {seconds:>8.1f} {size / 1048576 / seconds:>7.1f} {idle_rss / 1024:>9.0f} "
                  f"{max_rss / 1024:>12.0f} {hwm / 1024:>10.0f} {status}")
            if status != "completed":
                print(sql(f"SELECT error_code, error_message FROM upload_job WHERE id = '{job}'"))
                return 1
            video = [v for v in http("GET", "/_emulator/videos") if v.get("md5") == md5]
            if len(video) != 1 or video[0]["size"] != size:
                print(f"the emulator does not hold the file's bytes: {video}")
                return 1
            worker.terminate()
            worker.wait(timeout=30)
        return 0
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
