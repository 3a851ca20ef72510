#!/usr/bin/env python3
"""Helpers for scripts/check-schemas.sh (run with the .local/venv Python, which has PyYAML).

  check_schemas.py classify FILE...
      One line per file: "<kind>\t<file>", where kind is the CloudEvents `type` of an event, or "dead-letter" for a
      dead-letter sample ({"kind": "dead-letter", "headers": {...}}), or "!\t<file>\t<reason>" when the file is not
      a JSON object of either shape.

  check_schemas.py dead-letter-schema ASYNCAPI OUT
      Writes to OUT a JSON Schema for dead-letter samples: `headers` must satisfy the headers schema of the
      `deadLetter` message in the AsyncAPI document (the dlq.* headers of SPEC §5).
"""
import json
import sys


def classify(paths):
    for path in paths:
        try:
            with open(path, "rb") as handle:
                document = json.loads(handle.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"!\t{path}\tnot a JSON document: {error}")
            continue
        if not isinstance(document, dict):
            print(f"!\t{path}\tnot a JSON object")
        elif document.get("kind") == "dead-letter":
            print(f"dead-letter\t{path}")
        elif isinstance(document.get("type"), str) and document["type"]:
            print(f"{document['type']}\t{path}")
        else:
            print(f"!\t{path}\tneither an event with a `type` nor a dead-letter sample")


def dead_letter_schema(asyncapi_path, out_path):
    import yaml

    with open(asyncapi_path, encoding="utf-8") as handle:
        asyncapi = yaml.safe_load(handle)
    headers = asyncapi["components"]["messages"]["deadLetter"]["headers"]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dead-letter sample (headers from asyncapi.yaml components.messages.deadLetter)",
        "type": "object",
        "required": ["kind", "headers"],
        "properties": {"kind": {"const": "dead-letter"}, "headers": headers},
    }
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(schema, handle, indent=2)


def main(argv):
    if len(argv) >= 2 and argv[1] == "classify":
        classify(argv[2:])
    elif len(argv) == 4 and argv[1] == "dead-letter-schema":
        dead_letter_schema(argv[2], argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
