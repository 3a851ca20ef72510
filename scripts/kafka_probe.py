#!/usr/bin/env python3
"""Small Kafka driver for scripts/durable-broker.sh and scripts/secure-broker.sh.

It uses the confluent-kafka wheel that scripts/install-tools.sh unpacks into .local/pip/confluent (run with
PYTHONPATH=.local/pip/confluent). Connection settings come from the same environment variables as the workers
(KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_*, KAFKA_SSL_*), so a probe reaches the broker
exactly the way a worker does.

Sub-commands (each prints one JSON object on stdout; every wait is bounded by --timeout):
  produce-casefiles --count N --start I [--inspections K]   N distinct casefile.submitted events derived from
                                                            config/examples/casefile.submitted.json, keyed by
                                                            data.inspectionId, numbered from I
  produce-example FILE [--topic T] [--id ID]                one example event as it is (or with another id),
                                                            compacted, keyed by its data.inspectionId
  await-output SOURCE_EVENT_ID [--topic T]                  wait until T (casefiles.assessed) holds the output
                                                            of that input (data.sourceEventId)
  snapshot TOPIC [TOPIC ...]                                read every record of the topics to their end:
                                                            count per topic and a SHA-256 over
                                                            (topic, partition, offset, key, value)
  committed GROUP TOPIC                                     the group's committed offsets per partition, and
                                                            the end offsets (found by reading to the end)
  assessed-ids                                              sourceEventIds on casefiles.assessed: total, distinct
  list-topics                                               the topic names in the metadata
"""
import argparse
import hashlib
import json
import os
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError, KafkaException, OFFSET_BEGINNING, Producer, TopicPartition
from confluent_kafka.admin import AdminClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def client_config():
    """librdkafka properties from the worker settings (the subset these scripts use)."""
    conf = {"bootstrap.servers": os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")}
    protocol = os.environ.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").upper()
    conf["security.protocol"] = protocol.lower()
    if protocol.startswith("SASL"):
        conf["sasl.mechanisms"] = os.environ["KAFKA_SASL_MECHANISM"]
        conf["sasl.username"] = os.environ["KAFKA_SASL_USERNAME"]
        password = os.environ.get("KAFKA_SASL_PASSWORD")
        if password is None and os.environ.get("KAFKA_SASL_PASSWORD_FILE"):
            with open(os.environ["KAFKA_SASL_PASSWORD_FILE"]) as f:
                password = f.read().strip()
        conf["sasl.password"] = password or ""
    if protocol.endswith("SSL"):
        if os.environ.get("KAFKA_SSL_CA_LOCATION"):
            conf["ssl.ca.location"] = os.environ["KAFKA_SSL_CA_LOCATION"]
        conf["ssl.endpoint.identification.algorithm"] = os.environ.get("KAFKA_SSL_ENDPOINT_IDENTIFICATION", "https")
    return conf


def casefile_events(count, start, inspections):
    """Distinct, valid casefile.submitted events: fresh id, case file and inspection per number."""
    with open(os.path.join(ROOT, "config/examples/casefile.submitted.json")) as f:
        template = json.load(f)
    for i in range(start, start + count):
        event = json.loads(json.dumps(template))
        inspection = f"INS-2026-MDI-{(i % inspections) + 1:02d}"
        event["id"] = str(uuid.UUID(int=0x7F1C9D0E_3B7A_4F0E_8A1D_000000000000 + i))
        event["subject"] = inspection
        event["data"]["inspectionId"] = inspection
        event["data"]["caseFileId"] = f"CF-{i + 1:04d}"
        yield inspection.encode(), json.dumps(event, separators=(",", ":")).encode()


def produce_casefiles(args):
    producer = Producer({**client_config(), "enable.idempotence": True, "linger.ms": 20})
    failures = []
    delivered = [0]

    def report(err, _msg):
        if err is not None:
            failures.append(str(err))
        else:
            delivered[0] += 1

    for key, value in casefile_events(args.count, args.start, args.inspections):
        producer.produce(args.topic, value=value, key=key, on_delivery=report)
        producer.poll(0)
    remaining = producer.flush(args.timeout)
    out = {"requested": args.count, "delivered": delivered[0], "failed": len(failures), "unflushed": remaining}
    if failures:
        out["first_error"] = failures[0]
    print(json.dumps(out))
    return 0 if delivered[0] == args.count else 1


def produce_example(args):
    with open(args.file) as f:
        event = json.load(f)
    if args.id:
        event["id"] = args.id
    key = event["data"]["inspectionId"].encode()
    value = json.dumps(event, separators=(",", ":")).encode()
    producer = Producer({**client_config(), "enable.idempotence": True})
    outcome = {}

    def report(err, msg):
        outcome["error"] = str(err) if err else None
        if not err:
            outcome.update(partition=msg.partition(), offset=msg.offset())

    producer.produce(args.topic, value=value, key=key, on_delivery=report)
    remaining = producer.flush(args.timeout)
    print(json.dumps({"topic": args.topic, "key": key.decode(), "id": event["id"], "bytes": len(value),
                      "delivered": remaining == 0 and outcome.get("error") is None, **outcome}))
    return 0 if remaining == 0 and outcome.get("error") is None else 1


def await_output(args):
    """Re-reads the topic (bounded by --timeout) until a record's data.sourceEventId is the one asked for."""
    consumer = reader()
    deadline = time.monotonic() + args.timeout
    try:
        while True:
            records, _ends = read_all(consumer, args.topic, max(1.0, deadline - time.monotonic()))
            for (_t, partition, offset, key, value) in records:
                event = json.loads(value)
                if event.get("data", {}).get("sourceEventId") == args.source_event_id:
                    print(json.dumps({"found": True, "topic": args.topic, "partition": partition, "offset": offset,
                                      "key": key.decode(), "type": event.get("type"),
                                      "caseRef": event["data"].get("caseRef"), "records": len(records)}))
                    return 0
            if time.monotonic() > deadline:
                print(json.dumps({"found": False, "topic": args.topic, "records": len(records)}))
                return 1
            time.sleep(0.5)
    finally:
        consumer.close()


def partitions_of(consumer, topic, timeout):
    metadata = consumer.list_topics(topic, timeout=timeout)
    info = metadata.topics.get(topic)
    if info is None or info.error is not None:
        raise SystemExit(f"topic {topic} not found: {info.error if info else 'absent from metadata'}")
    return sorted(info.partitions)


def read_all(consumer, topic, timeout):
    """Every record of a topic, partition by partition, from the beginning to the end.

    The end is where the broker reports partition EOF on a fetch. Tansu 0.6 answers ListOffsets (the high
    watermark that get_watermark_offsets asks for) with the base offset of the last batch + 1, not the offset
    after its last record, so the watermark cannot say where a partition ends; its Fetch responses can.
    Returns (records, {partition: end offset})."""
    records, ends = [], {}
    deadline = time.monotonic() + timeout
    for partition in partitions_of(consumer, topic, timeout):
        consumer.assign([TopicPartition(topic, partition, OFFSET_BEGINNING)])
        end = None
        while end is None:
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out reading {topic}[{partition}] after {len(records)} records")
            msg = consumer.poll(0.5)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    end = msg.offset()
                    continue
                raise SystemExit(f"error reading {topic}[{partition}]: {msg.error()}")
            records.append((topic, partition, msg.offset(), msg.key() or b"", msg.value() or b""))
        ends[partition] = end
        consumer.unassign()
    return records, ends


def reader():
    # Reads only: assign() without a group join, nothing committed.
    return Consumer({**client_config(), "group.id": "kafka-probe-reader", "enable.auto.commit": False,
                     "enable.partition.eof": True})


def snapshot(args):
    consumer = reader()
    out = {}
    try:
        for topic in args.topics:
            records, _ends = read_all(consumer, topic, args.timeout)
            digest = hashlib.sha256()
            for t, p, o, k, v in records:
                digest.update(f"{t}|{p}|{o}|{len(k)}|{len(v)}|".encode() + k + b"|" + v)
            out[topic] = {"count": len(records), "sha256": digest.hexdigest()}
    finally:
        consumer.close()
    print(json.dumps(out, sort_keys=True))
    return 0


def committed(args):
    # The group's offsets are only read (committed() does not join the group); the ends come from reading.
    consumer = Consumer({**client_config(), "group.id": args.group, "enable.auto.commit": False,
                         "enable.partition.eof": True})
    try:
        _records, partition_ends = read_all(consumer, args.topic, args.timeout)
        tps = consumer.committed([TopicPartition(args.topic, p) for p in partition_ends], timeout=args.timeout)
        offsets = {str(tp.partition): tp.offset for tp in tps}
        ends = {str(p): end for p, end in partition_ends.items()}
    finally:
        consumer.close()
    total = sum(o for o in offsets.values() if o >= 0)
    print(json.dumps({"group": args.group, "topic": args.topic, "committed": offsets, "end": ends,
                      "committed_total": total, "end_total": sum(ends.values())}, sort_keys=True))
    return 0


def assessed_ids(args):
    consumer = reader()
    try:
        records, _ends = read_all(consumer, args.topic, args.timeout)
    finally:
        consumer.close()
    ids = [json.loads(v)["data"]["sourceEventId"] for (_t, _p, _o, _k, v) in records]
    print(json.dumps({"topic": args.topic, "total": len(ids), "distinct": len(set(ids)),
                      "duplicates": len(ids) - len(set(ids))}))
    return 0


def list_topics(args):
    admin = AdminClient(client_config())
    names = sorted(t for t in admin.list_topics(timeout=args.timeout).topics if not t.startswith("__"))
    print(json.dumps({"topics": names}))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for any one wait")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("produce-casefiles")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--inspections", type=int, default=10)
    p.add_argument("--topic", default="casefiles")
    p.set_defaults(func=produce_casefiles)
    p = sub.add_parser("produce-example")
    p.add_argument("file")
    p.add_argument("--topic", default="casefiles")
    p.add_argument("--id", help="replace the event's id (each run of a check then has an output of its own)")
    p.set_defaults(func=produce_example)
    p = sub.add_parser("await-output")
    p.add_argument("source_event_id")
    p.add_argument("--topic", default="casefiles.assessed")
    p.set_defaults(func=await_output)
    p = sub.add_parser("snapshot")
    p.add_argument("topics", nargs="+")
    p.set_defaults(func=snapshot)
    p = sub.add_parser("committed")
    p.add_argument("group")
    p.add_argument("topic")
    p.set_defaults(func=committed)
    p = sub.add_parser("assessed-ids")
    p.add_argument("--topic", default="casefiles.assessed")
    p.set_defaults(func=assessed_ids)
    p = sub.add_parser("list-topics")
    p.set_defaults(func=list_topics)
    args = parser.parse_args()
    try:
        return args.func(args)
    except KafkaException as error:
        print(json.dumps({"error": str(error)}))
        return 1


if __name__ == "__main__":
    sys.exit(main())
