#!/usr/bin/env python3
"""A small OTLP/HTTP trace receiver for tests and local checks: it accepts
`POST /v1/traces` (protobuf, or JSON with content-type application/json), answers
as a collector does, and appends every span it receives to a file, one JSON object
a line:

  {"service": ..., "trace_id": hex, "span_id": hex, "parent_span_id": hex or "",
   "name": ..., "kind": "CONSUMER"|"PRODUCER"|..., "attributes": {...},
   "links": [{"trace_id": hex, "span_id": hex}], "status": "OK"|"ERROR"|"UNSET"}

  scripts/otlp_receiver.py --port 4318 --output spans.jsonl [--port-file FILE]

With --port 0 it binds a free port and writes the number to --port-file once it
listens. Needs opentelemetry-proto (installed in .local/venv by
scripts/install-tools.sh). Stops on SIGTERM or SIGINT.
"""
import argparse
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
from opentelemetry.proto.trace.v1 import trace_pb2

KINDS = {value: name.replace("SPAN_KIND_", "") for name, value in trace_pb2.Span.SpanKind.items()}
STATUS = {value: name.replace("STATUS_CODE_", "") for name, value in trace_pb2.Status.StatusCode.items()}


def any_value(value):
    kind = value.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [any_value(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: any_value(kv.value) for kv in value.kvlist_value.values}
    if kind == "bytes_value":
        return value.bytes_value.hex()
    return getattr(value, kind)


def attributes(pairs):
    return {kv.key: any_value(kv.value) for kv in pairs}


def spans_of(request):
    for resource_spans in request.resource_spans:
        service = attributes(resource_spans.resource.attributes).get("service.name", "")
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                yield {
                    "service": service,
                    "trace_id": span.trace_id.hex(),
                    "span_id": span.span_id.hex(),
                    "parent_span_id": span.parent_span_id.hex(),
                    "name": span.name,
                    "kind": KINDS.get(span.kind, str(span.kind)),
                    "attributes": attributes(span.attributes),
                    "links": [{"trace_id": link.trace_id.hex(), "span_id": link.span_id.hex()} for link in span.links],
                    "status": STATUS.get(span.status.code, str(span.status.code)),
                    "start_unix_nano": span.start_time_unix_nano,
                    "end_unix_nano": span.end_time_unix_nano,
                }


class Receiver(BaseHTTPRequestHandler):
    output = None
    lock = threading.Lock()

    def do_POST(self):
        if self.path.rstrip("/") != "/v1/traces":
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.headers.get("Content-Encoding", "") == "gzip":
            import gzip

            body = gzip.decompress(body)
        request = trace_service_pb2.ExportTraceServiceRequest()
        is_json = self.headers.get("Content-Type", "").startswith("application/json")
        try:
            if is_json:
                json_format.Parse(body, request)
            else:
                request.ParseFromString(body)
        except Exception as error:  # a malformed request: answer 400 as a collector would
            self.send_error(400, str(error))
            return
        lines = [json.dumps(span, sort_keys=True) for span in spans_of(request)]
        with Receiver.lock, open(Receiver.output, "a", encoding="utf-8") as out:
            for line in lines:
                out.write(line + "\n")
        response = trace_service_pb2.ExportTraceServiceResponse()
        payload = json_format.MessageToJson(response).encode() if is_json else response.SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/json" if is_json else "application/x-protobuf")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):  # quiet: the spans file is the output
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=4318)
    parser.add_argument("--output", required=True, help="file the spans are appended to, one JSON object a line")
    parser.add_argument("--port-file", help="file to write the bound port to once listening")
    args = parser.parse_args()
    # A parent may have started it with signals blocked (the mask is inherited): take SIGTERM and SIGINT again.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    Receiver.output = args.output
    open(args.output, "a").close()
    server = ThreadingHTTPServer((args.host, args.port), Receiver)
    if args.port_file:
        temporary = args.port_file + ".tmp"
        with open(temporary, "w") as out:
            out.write(str(server.server_address[1]))
        os.replace(temporary, args.port_file)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
